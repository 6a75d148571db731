import type { ProjectRiskLevel } from '@kitos/contracts';

/** The score of a risk: probability (1–5) × consequence (1–5), so 1–25. */
export function riskScore(probability: number, consequence: number): number {
  return probability * consequence;
}

/** The level of a score on the usual 5×5 matrix: Low 1–4, Medium 5–9, High 10–16, Critical 17–25 (in practice 20 and 25). */
export function riskLevel(score: number): ProjectRiskLevel {
  if (score <= 4) return 'Low';
  if (score <= 9) return 'Medium';
  if (score <= 16) return 'High';
  return 'Critical';
}
