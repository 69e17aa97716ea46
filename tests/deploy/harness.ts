/** Each test gets a fresh fake Google, and the whole file runs with the network guarded. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FakeGoogle } from './fake-google';
import { guardNetwork } from './project';

export function useFakeGoogle(): () => FakeGoogle {
  let fake: FakeGoogle | undefined;
  let unguard: () => void = () => undefined;
  beforeAll(() => {
    unguard = guardNetwork();
  });
  afterAll(() => unguard());
  beforeEach(async () => {
    fake = await new FakeGoogle().start();
  });
  afterEach(async () => {
    await fake?.stop();
  });
  return () => {
    if (!fake) throw new Error('the fake Google is started before each test');
    return fake;
  };
}
