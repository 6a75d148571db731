import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ServiceConfig, toInt } from '@kitos/config';

/** Settings of the contracts service besides the common ones. */
export class ContractsConfig extends ServiceConfig {
  // ---- Reminders (advis): e-mail through SMTP. With no SMTP_URL, mail is off and every reminder becomes an alert.

  /** `smtp://host:587` (STARTTLS when offered) or `smtps://host:465` (TLS from the start); empty = mail disabled. */
  @ValidateIf((_, value) => value !== '')
  @Matches(/^smtps?:\/\/[^\s/]+(:\d+)?\/?(\?\S*)?$/, { message: 'SMTP_URL must look like smtp://host:587 or smtps://host:465' })
  smtpUrl = '';

  /** SMTP login; empty = no authentication. */
  @IsString()
  @MaxLength(320)
  smtpUser = '';

  /** SMTP password (from a Secret); or SMTP_PASSWORD_FILE naming a file that holds it. Not both. */
  @IsString()
  smtpPassword = '';

  /** File holding the SMTP password (e.g. a mounted Secret), read at start-up. */
  @IsString()
  smtpPasswordFile = '';

  /** Sender of reminder mails (`Name <address>` or an address). */
  @IsString()
  @MaxLength(320)
  smtpFrom = 'KITOS <kitos@localhost>';

  /** Longest wait for the SMTP server (connect, greeting, each command); kept well below the claim lease. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(120000)
  smtpTimeoutMs = 30000;

  /** How often the reminder scheduler looks for due occurrences; 0 = only at start-up and when a reminder is created. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600000)
  reminderPollMs = 60000;

  /** Missed occurrences of repeating reminders older than this many days are not sent late after downtime. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(366)
  reminderCatchUpDays = 7;

  /** Lease of a claimed occurrence: after it expires without a recorded send, another attempt takes over. */
  @Transform(toInt)
  @IsInt()
  @Min(5000)
  @Max(3600000)
  reminderClaimLeaseMs = 300000;

  /** Attempts per occurrence (each after an expired lease) before it becomes an alert. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  reminderMaxAttempts = 3;

  /** Hour of the day (Europe/Copenhagen) at which scheduled occurrences are due. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  reminderSendHour = 7;
}
