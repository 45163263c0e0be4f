import { PushQueueIterator } from './push-queue.iterator';

describe('PushQueueIterator', () => {
  it('hands out pushed items in order, then ends', async () => {
    const feed = new PushQueueIterator<number>(() => undefined);
    feed.push(1);
    feed.push(2);
    feed.end();

    const seen: number[] = [];
    for await (const item of feed) seen.push(item);

    expect(seen).toEqual([1, 2]);
  });

  it('releases a consumer waiting for the next item as soon as it is returned, and runs onEnd once', async () => {
    let ends = 0;
    const feed = new PushQueueIterator<number>(() => (ends += 1));
    const waiting = feed.next();

    await feed.return();

    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    feed.end();
    expect(ends).toBe(1);
  });

  it('keeps only the newest items for a consumer that falls behind', async () => {
    const feed = new PushQueueIterator<number>(() => undefined, 2);
    for (let i = 1; i <= 5; i++) feed.push(i);
    feed.end();

    const seen: number[] = [];
    for await (const item of feed) seen.push(item);

    expect(seen).toEqual([4, 5]);
  });

  it('rejects a waiting consumer when the feed fails', async () => {
    const feed = new PushQueueIterator<number>(() => undefined);
    const waiting = feed.next();

    feed.fail(new Error('feed interrupted'));

    await expect(waiting).rejects.toThrow('feed interrupted');
  });
});
