import { DECORATORS } from '@nestjs/swagger';
import { YES_NO_DONT_KNOW } from '../../events/gdpr.events';
import { GDPR_YES_GATES, UsageGdprWriteRequest } from './usage-gdpr.dto';

interface PropertyMetadata {
  description?: string;
  enum?: readonly string[];
}

const prototype = UsageGdprWriteRequest.prototype as object;
const fields = ((Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ?? []) as string[]).map((key) => key.slice(1));
const metadata = (field: string) => (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, field) ?? {}) as PropertyMetadata;

describe('GDPR_YES_GATES (the usage GDPR fields that only count under a Yes)', () => {
  it('holds exactly the fields the write request documents as "only when <question> = Yes", under that question', () => {
    const documented: Record<string, string[]> = {};
    for (const field of fields) {
      const question = /only when (\w+) = Yes/i.exec(metadata(field).description ?? '')?.[1];
      if (question) (documented[question] ??= []).push(field);
    }
    expect(documented).toEqual(Object.fromEntries(Object.entries(GDPR_YES_GATES).map(([question, gated]) => [question, [...gated]])));
  });

  it("gates only on yes/no/don't-know questions of the write request", () => {
    for (const question of Object.keys(GDPR_YES_GATES)) expect(metadata(question).enum).toEqual(YES_NO_DONT_KNOW);
  });
});
