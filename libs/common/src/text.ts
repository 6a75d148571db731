/** Escapes text for use inside a `$regex` (names searched case-insensitively through a normalised copy). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
