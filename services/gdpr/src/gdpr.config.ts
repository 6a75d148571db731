import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@kitos/config';

/** Settings of the gdpr service besides the common ones. */
export class GdprConfig extends ServiceConfig {
  /** A risk assessment older than this many months counts as outdated on the compliance dashboard. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(240)
  riskAssessmentMaxAgeMonths = 36;
}
