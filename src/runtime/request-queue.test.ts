import { expect, test } from 'vitest';
import { RequestQueue } from './request-queue.ts';
import type { Priority } from './types.ts';

const item = (seq: number, priority: Priority) => ({ seq, priority, name: `${priority}${seq}` });

test('iterates most urgent first, in submission order within a priority', () => {
  const q = new RequestQueue<ReturnType<typeof item>>();
  for (const i of [item(1, 'low'), item(2, 'normal'), item(3, 'critical'), item(4, 'normal'), item(5, 'high'), item(6, 'low')]) q.add(i);
  expect([...q.inOrder()].map((i) => i.name)).toEqual(['critical3', 'high5', 'normal2', 'normal4', 'low1', 'low6']);
  expect(q.size).toBe(6);
});

test('a raised request keeps its place in line among its new peers', () => {
  const q = new RequestQueue<ReturnType<typeof item>>();
  const early = item(1, 'low');
  const a = item(2, 'high');
  const b = item(3, 'high');
  for (const i of [early, a, b]) q.add(i);
  q.setPriority(early, 'high');
  expect([...q.inOrder()].map((i) => `${i.priority}${i.seq}`)).toEqual(['high1', 'high2', 'high3']);
  expect(q.remove(a)).toBe(true);
  expect(q.remove(a)).toBe(false);
  expect([...q.inOrder()].map((i) => i.seq)).toEqual([1, 3]);
});
