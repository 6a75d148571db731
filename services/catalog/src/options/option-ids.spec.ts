import { defaultOptionUuid, localOptionUuid, uuidV5 } from './option-ids';

describe('deterministic option ids', () => {
  it('computes RFC 9562 version-5 UUIDs (the DNS test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives a default value the same id on every start, and different ids to different kinds or names', () => {
    const id = defaultOptionUuid('business-types', 'Fagsystem');
    expect(defaultOptionUuid('business-types', 'Fagsystem')).toBe(id);
    expect(defaultOptionUuid('it-interface-interface-types', 'Fagsystem')).not.toBe(id);
    expect(defaultOptionUuid('business-types', 'Støttesystem')).not.toBe(id);
  });

  it('keys a local setting by organisation and value, ignoring the case of the uuids', () => {
    const org = '3F5D0C8E-5B1A-4C1E-9A57-0E6F1D2C3B4A';
    const option = '6c0f3a63-1f5e-5f5a-9d7e-2b8a4c1d0e9f';
    expect(localOptionUuid(org, option)).toBe(localOptionUuid(org.toLowerCase(), option));
    expect(localOptionUuid(option, org)).not.toBe(localOptionUuid(org, option));
  });
});
