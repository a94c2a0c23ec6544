/**
 * Keyboard shortcuts `next-phrase` / `previous-phrase` (manifest `commands`): ask the active tab's
 * content script to reveal the next or previous decoded phrase.
 */
import browser from '../shared/browser';
import { sendToTab } from '../shared/messages';

const STEPS: Record<string, 1 | -1> = { 'next-phrase': 1, 'previous-phrase': -1 };

/** Sends `page:reveal` for `command` to `tabId`, or to the active tab when not given. */
export async function runCommand(command: string, tabId?: number): Promise<void> {
  const step = STEPS[command];
  if (step === undefined) return;
  const id = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (id === undefined) return;
  // Pages where content scripts cannot run (browser pages, stores) have no one to answer.
  await sendToTab(id, 'page:reveal', { step }).catch(() => undefined);
}

/** Listens for the shortcuts. Returns a stop function. */
export function watchCommands(): () => void {
  const listener = (command: string, tab?: { id?: number }) => void runCommand(command, tab?.id);
  browser.commands.onCommand.addListener(listener);
  return () => browser.commands.onCommand.removeListener(listener);
}
