/** What a consumer knows of a contract's validity from the contracts service's events. */
export interface ContractValidityInput {
  readonly valid?: boolean | null;
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
  readonly enforcedValid?: boolean | null;
}

/**
 * Whether a contract (as the contracts service's events describe it) is valid on a Danish calendar day: forced valid
 * always; with dates, when the day lies between them (both inclusive); without dates, as the event said (valid unless
 * it said otherwise). Used for main contracts, which make a DPR or a usage invalid when they are not valid.
 */
export function contractValidOn(contract: ContractValidityInput, today: string): boolean {
  if (contract.enforcedValid) return true;
  const from = contract.validFrom ?? null;
  const to = contract.validTo ?? null;
  if (from !== null || to !== null) return (from === null || from <= today) && (to === null || today <= to);
  return contract.valid !== false;
}
