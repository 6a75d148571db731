import { Logger } from '@nestjs/common';
import { ErrorCode } from '@kitos/common';
import { toRpcErrorPayload } from './rpc-exception.filter';

const logger = new Logger('test');
beforeAll(() => Logger.overrideLogger(false));

/** An error as Node raises it from a socket write inside the mongodb driver. */
function socketError(code: string, frame = '/app/node_modules/mongodb/lib/cmap/connection.js:408:29'): Error {
  const error = Object.assign(new Error('This socket has been ended by the other party'), { code });
  error.stack = `Error: ${error.message}\n    at Socket.writeAfterFIN [as write] (node:net:566:14)\n    at Connection.writeCommand (${frame})`;
  return error;
}

describe('toRpcErrorPayload', () => {
  it("answers 'unavailable' (503) for the driver's own connection errors", () => {
    const error = Object.assign(new Error('connection 2 to 127.0.0.1:40713 closed'), { name: 'MongoNetworkError' });
    expect(toRpcErrorPayload(error, logger).code).toBe(ErrorCode.Unavailable);
  });

  it('answers "unavailable" for a raw socket error from inside the driver (EPIPE after the database was killed)', () => {
    expect(toRpcErrorPayload(socketError('EPIPE'), logger).code).toBe(ErrorCode.Unavailable);
    expect(toRpcErrorPayload(socketError('ECONNRESET'), logger).code).toBe(ErrorCode.Unavailable);
  });

  it('keeps other errors internal, also socket errors that did not come from the database driver', () => {
    expect(toRpcErrorPayload(new TypeError('x is undefined'), logger).code).toBe(ErrorCode.Internal);
    expect(toRpcErrorPayload(socketError('EPIPE', '/app/services/reporting/src/webhooks/sender.js:10:2'), logger).code).toBe(
      ErrorCode.Internal,
    );
  });
});
