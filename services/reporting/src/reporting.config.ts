import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@kitos/config';

/** Settings of the reporting service besides the common ones. */
export class ReportingConfig extends ServiceConfig {
  /** Attempts to deliver one event to a webhook before it goes to the subscription's dead letters. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  webhookMaxAttempts = 8;

  /** Delay after the first failed webhook delivery; it doubles after each further failure (at most an hour). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  webhookBackoffMs = 5000;

  /** Benchmarks: aggregates over fewer organisations than this are suppressed (docs/reporting.md). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  benchmarkMinOrganizations = 5;
}
