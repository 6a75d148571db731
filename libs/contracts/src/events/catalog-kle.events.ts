import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from './registry';

/** A KLE number: `02` (main group), `02.05` (group) or `02.05.01` (topic). */
export const KLE_NUMBER_PATTERN = /^\d{2}(\.\d{2}){0,2}$/;
/** A calendar date, `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** What consumers learn about one KLE entry. */
export class KleEntrySnapshot {
  @IsUUID()
  uuid!: string;

  @Matches(KLE_NUMBER_PATTERN)
  kleNumber!: string;

  @IsString()
  description!: string;

  @IsOptional()
  @IsUUID()
  parentUuid!: string | null;

  @IsOptional()
  @Matches(DATE_PATTERN)
  validFrom!: string | null;

  /** The date the entry left KLE [udgået]; null while it is part of KLE. */
  @IsOptional()
  @Matches(DATE_PATTERN)
  removed!: string | null;
}

export class KleRenamedEntry {
  @IsUUID()
  uuid!: string;

  @Matches(KLE_NUMBER_PATTERN)
  kleNumber!: string;

  @IsString()
  oldDescription!: string;

  @IsString()
  newDescription!: string;
}

/**
 * One applied KLE import (at start-up from the configured emneplan, or a global admin's confirmed re-import): the
 * entries it added, renamed, marked removed, brought back and otherwise updated (guidance, dates). The aggregate is
 * the whole classification (one uuid), its version counts the imports.
 */
export class KleImportedV1 {
  /** The preview that was confirmed; null for the start-up import. */
  @IsOptional()
  @IsUUID()
  importUuid!: string | null;

  /** `UdgivelsesDato` of the emneplan. */
  @IsOptional()
  @Matches(DATE_PATTERN)
  publishedDate!: string | null;

  @IsDateString({ strict: true })
  importedAt!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => KleEntrySnapshot)
  added!: KleEntrySnapshot[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => KleRenamedEntry)
  renamed!: KleRenamedEntry[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => KleEntrySnapshot)
  removed!: KleEntrySnapshot[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => KleEntrySnapshot)
  restored!: KleEntrySnapshot[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => KleEntrySnapshot)
  updated!: KleEntrySnapshot[];
}

export const CatalogKleEvents = {
  kleImported: defineEvent('catalog.kle.imported', 1, KleImportedV1),
} as const;
