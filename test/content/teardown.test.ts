import { describe, expect, it, vi } from 'vitest';
import { Teardown } from '../../src/content/teardown';

describe('Teardown', () => {
  it('runs every cleanup once, newest first', () => {
    const t = new Teardown();
    const order: number[] = [];
    t.add(() => order.push(1));
    t.add(() => order.push(2));
    t.dispose();
    t.dispose();
    expect(order).toEqual([2, 1]);
  });

  it('still runs the other cleanups when one throws', () => {
    const t = new Teardown();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ran: string[] = [];
    t.add(() => ran.push('first'));
    t.add(() => {
      throw new Error('broken');
    });
    t.dispose();
    expect(ran).toEqual(['first']);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('removes its event listeners on dispose', () => {
    const t = new Teardown();
    const target = new EventTarget();
    const seen = vi.fn();
    t.listen(target, 'ping', seen);
    target.dispatchEvent(new Event('ping'));
    t.dispose();
    target.dispatchEvent(new Event('ping'));
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('cancels pending timers on dispose', async () => {
    const t = new Teardown();
    const fired = vi.fn();
    t.timeout(fired, 5);
    t.dispose();
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).not.toHaveBeenCalled();
  });

  it('disposes children with the parent, and a child alone without the parent', () => {
    const parent = new Teardown();
    const a = parent.child();
    const b = parent.child();
    const gone: string[] = [];
    a.add(() => gone.push('a'));
    b.add(() => gone.push('b'));
    a.dispose();
    expect(gone).toEqual(['a']);
    parent.dispose();
    expect(gone).toEqual(['a', 'b']);
  });

  it('runs a cleanup added after dispose straight away', () => {
    const t = new Teardown();
    t.dispose();
    const late = vi.fn();
    t.add(late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
