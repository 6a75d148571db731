import type { Schemas } from '../../api/client';

export type Risk = Schemas['ProjectRiskResponse'];
export type RiskLevel = Risk['level'];

/** Probability and consequence run 1–5; the matrix shows probability from 5 (top row) down to 1, consequence 1 → 5. */
export const SCALE = [1, 2, 3, 4, 5] as const;

/** The level of a score as the projects service grades it: Low 1–4, Medium 5–9, High 10–16, Critical from 17 (20, 25). */
export function levelOf(score: number): RiskLevel {
  if (score >= 17) return 'Critical';
  if (score >= 10) return 'High';
  if (score >= 5) return 'Medium';
  return 'Low';
}

export interface MatrixCell {
  probability: number;
  consequence: number;
  score: number;
  level: RiskLevel;
  risks: Risk[];
}

/**
 * The probability × consequence matrix: one row per probability (5 first, as risk matrices are drawn), one cell per
 * consequence, each with its score, level and the risks in it (highest score first within the project; by description
 * in a cell).
 */
export function riskMatrix(risks: ReadonlyArray<Risk>): MatrixCell[][] {
  return [...SCALE].reverse().map((probability) =>
    SCALE.map((consequence) => ({
      probability,
      consequence,
      score: probability * consequence,
      level: levelOf(probability * consequence),
      risks: risks
        .filter((r) => r.probability === probability && r.consequence === consequence)
        .sort((a, b) => a.description.localeCompare(b.description, 'da')),
    })),
  );
}

/** How many risks have each level (every level present, zero when none). */
export function countByLevel(risks: ReadonlyArray<Risk>): Record<RiskLevel, number> {
  const counts: Record<RiskLevel, number> = { Critical: 0, High: 0, Medium: 0, Low: 0 };
  for (const risk of risks) counts[risk.level]++;
  return counts;
}
