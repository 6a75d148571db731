import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Korrekt hest batteri hæfteklamme');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    await expect(verifyPassword('Korrekt hest batteri hæfteklamme', stored)).resolves.toBe(true);
    await expect(verifyPassword('korrekt hest batteri hæfteklamme', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('never matches the dummy hash used for unknown e-mails, nor a malformed one', async () => {
    await expect(verifyPassword('', DUMMY_PASSWORD_HASH)).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
  });
});
