// The session as the UI sees it: app/ boots it (address switches, the first scenario, share links)
// and provides it through SessionContext, so the UI never imports app/ and a screen can be rendered
// with any session it is handed. Components read the store through useApp with a narrow selector;
// the few things that are not store actions (examples, share links, slots, pins) sit beside it.
import { createContext, useContext } from 'react';
import { useAppStore, type AppState } from '../state/index.ts';
import type { Session } from '../state/session.ts';

export interface ExampleEntry {
  id: string;
  name: string;
  /** What it holds, in a sentence. */
  about: string;
}

export type ShareLinkOpened = { ok: true; name: string; warnings: string[] } | { ok: false; error: string };

export interface UiSession extends Session {
  /** The built-in examples, the reference fight first. */
  examples: readonly ExampleEntry[];
  /** Opens a built-in example as a new saved scenario; a failure is said in the scenario message. */
  openExample(id: string, run?: boolean): Promise<void>;
  /** Opens a share link's scenario (`#s=...`) as a new saved scenario and runs it. */
  openShareFragment(fragment: string): Promise<ShareLinkOpened>;
}

export const SessionContext = createContext<UiSession | null>(null);

export function useSession(): UiSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('The app was rendered without a session (SessionContext).');
  return session;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useAppStore(useSession().store, selector);
}
