import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { createSerialQueue } from './serial-queue.ts';

describe('createSerialQueue', () => {
  it('runs operations one at a time in arrival order', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    const op = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await sleep(ms);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run(op('a', 20)), queue.run(op('b', 1)), queue.run(op('c', 5))]);
    expect(results).to.deep.equal(['a', 'b', 'c']);
    expect(events).to.deep.equal(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('keeps going after a failed operation', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(async () => {
      throw new Error('nope');
    });
    const next = queue.run(async () => 'ok');
    await failed.then(
      () => expect.fail('should reject'),
      (error: Error) => expect(error.message).to.equal('nope'),
    );
    expect(await next).to.equal('ok');
    await queue.drain();
  });

  it('rejects a call made from inside a running operation, which would otherwise wait for itself', async () => {
    const queue = createSerialQueue();
    const inner = await queue.run(async () => queue.run(async () => 'never').catch((error: Error) => error.message));
    expect(inner).to.match(/inside its own transaction/);
    // Work left over from a finished operation may use the queue again.
    let later!: Promise<string>;
    await queue.run(async () => {
      later = sleep(5).then(() => queue.run(async () => 'later'));
    });
    expect(await later).to.equal('later');
  });

  it('still refuses a call from inside an operation after the queue has been idle (the storage is enabled again)', async () => {
    const queue = createSerialQueue();
    expect(await queue.run(async () => 'first')).to.equal('first');
    await queue.drain(); // idle: the storage is disabled
    const inner = await queue.run(async () => queue.run(async () => 'never').catch((error: Error) => error.message));
    expect(inner).to.match(/inside its own transaction/);
    // Concurrent operations keep it enabled until the last one ends; each still runs once, in order.
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => queue.run(async () => void order.push(n))));
    expect(order).to.deep.equal([1, 2, 3]);
    const nested = await queue.run(async () => queue.run(async () => 'never').catch((error: Error) => error.message));
    expect(nested).to.match(/inside its own transaction/);
  });
});

