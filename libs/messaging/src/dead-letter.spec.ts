import { InvalidEventError } from '@kitos/contracts';
import { deadLetterMsgId, errorHeaderValue, MAX_ERROR_HEADER_BYTES } from './dead-letter';

describe('dead letters', () => {
  it('identify one stream message of one consumer, so that dead-lettering it twice stores it once', () => {
    expect(deadLetterMsgId('reporting', 'CATALOG', 42)).toBe('reporting:CATALOG:42');
  });

  it('carry the error on one header line', () => {
    expect(errorHeaderValue(new Error('first line\r\nsecond line'))).toBe('first line second line');
  });

  it('cut a long error to 1 KB without splitting a character', () => {
    const value = errorHeaderValue(new Error('æ'.repeat(1000)));
    expect(Buffer.byteLength(value)).toBe(MAX_ERROR_HEADER_BYTES);
    expect(value).toBe('æ'.repeat(512));
    expect(Buffer.byteLength(errorHeaderValue(new Error(`x${'æ'.repeat(1000)}`)))).toBe(MAX_ERROR_HEADER_BYTES - 1);
  });

  it('name the invalid fields of an invalid event', () => {
    const error = new InvalidEventError('Invalid event: The request is invalid', [
      { field: 'data.system.name', message: 'name must be a string' },
    ]);
    expect(errorHeaderValue(error)).toBe(
      'Invalid event: The request is invalid [{"field":"data.system.name","message":"name must be a string"}]',
    );
  });
});
