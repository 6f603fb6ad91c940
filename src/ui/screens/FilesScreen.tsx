// Files and links: the saved scenarios on this device, new scenarios from the examples, opening a
// scenario file (ours or BattleSim's) or a share link, and exporting the scenario as a file or a
// link. Whatever comes in opens as a new scenario, never over the one being edited; whatever is
// wrong with it is said in words and nothing already saved changes.
import { useId, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WarningGroup } from '../../scenario/index.ts';
import { newScenarioDocument, toDocument } from '../../state/index.ts';
import { useApp, useSession } from '../session.ts';
import { downloadText, fileNameOf } from './download.ts';

type Message = { kind: 'ok' | 'problem'; text: string; groups?: WarningGroup[] } | null;

/** Warnings listed in full per group; a file with thousands stays readable. */
const WARNINGS_SHOWN = 50;

/** A file's warnings as counted groups, the ones that change the answer first; each opens to its list. */
function WarningGroups({ groups }: { groups: WarningGroup[] }) {
  return (
    <div className="warn-groups" data-testid="import-warnings">
      {groups.map((g) => (
        <details key={g.kind} data-testid="import-warning-group">
          <summary>{g.title}</summary>
          <ul>
            {g.warnings.slice(0, WARNINGS_SHOWN).map((w, i) => <li key={i}>{w}</li>)}
            {g.warnings.length > WARNINGS_SHOWN && <li>…and {g.warnings.length - WARNINGS_SHOWN} more</li>}
          </ul>
        </details>
      ))}
    </div>
  );
}
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function FilesScreen() {
  return (
    <div data-testid="files-screen">
      <SavedScenarios />
      <OpenSomething />
      <ExportScenario />
    </div>
  );
}

function SavedScenarios() {
  const { saved, current, openSaved, deleteSaved, duplicateSaved, exportLibrary, importLibrary } = useApp(useShallow((s) => ({
    saved: s.savedScenarios, current: s.scenarioId, openSaved: s.openSaved, deleteSaved: s.deleteSaved, duplicateSaved: s.duplicateSaved,
    exportLibrary: s.exportLibrary, importLibrary: s.importLibrary,
  })));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const libraryFileId = useId();

  async function saveLibrary() {
    const text = await exportLibrary();
    if (text === null) return setMessage({ kind: 'problem', text: 'Nothing is kept on this device, so there is no library to save.' });
    downloadText('encounter-lab-library.json', text, 'application/json');
  }

  async function openLibrary(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const { checkTextSize } = await import('../../scenario/format/input-limits.ts');
    const tooBig = checkTextSize('file', file.size, file.name);
    if (tooBig) return setMessage({ kind: 'problem', text: tooBig });
    const report = await importLibrary(await file.text(), `the file "${file.name}"`);
    const added = `${report.imported} scenario${report.imported === 1 ? '' : 's'} added from ${file.name}.`;
    setMessage(report.problems.length === 0
      ? { kind: 'ok', text: added }
      : { kind: report.imported > 0 ? 'ok' : 'problem', text: `${added} Not added: ${report.problems.slice(0, 5).join(' ')}${report.problems.length > 5 ? ` (and ${report.problems.length - 5} more)` : ''}` });
  }
  const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="panel" aria-labelledby="saved-title">
      <h2 id="saved-title">Saved scenarios</h2>
      <p className="fld-hint">Every change is saved in this browser as you make it. Results are kept per scenario.</p>
      {saved.length === 0 ? <p className="fld-hint">None yet.</p> : (
        <ul className="saved-list" data-testid="saved-list">
          {saved.map((e) => (
            <li key={e.id} data-testid="saved-scenario" data-current={e.id === current ? 'yes' : 'no'}>
              <span><strong>{e.name}</strong> <span className="fld-hint">· changed {date.format(e.updatedAt)}{e.id === current ? ' · on screen' : ''}</span></span>
              <span className="cr-buttons">
                <button type="button" className="btn-small" disabled={e.id === current} onClick={() => void openSaved(e.id)} aria-label={`Open ${e.name}`}>Open</button>
                <button type="button" className="btn-small" onClick={() => void duplicateSaved(e.id)} aria-label={`Duplicate ${e.name}`}>Duplicate</button>
                {confirming === e.id ? (
                  <>
                    <button type="button" className="btn-small btn-danger" onClick={() => { setConfirming(null); void deleteSaved(e.id); }} aria-label={`Yes, delete ${e.name}`}>Yes, delete</button>
                    <button type="button" className="btn-small" onClick={() => setConfirming(null)}>Keep it</button>
                  </>
                ) : (
                  <button type="button" className="btn-small btn-danger" disabled={e.id === current} onClick={() => setConfirming(e.id)} aria-label={`Delete ${e.name}`}>Delete</button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="fld-row">
        <button type="button" className="btn-small" onClick={() => void saveLibrary()} data-testid="export-library">Download every saved scenario</button>
        <div className="fld">
          <label htmlFor={libraryFileId}>Add scenarios from a library or scenario file</label>
          <input id={libraryFileId} type="file" accept=".json,application/json" onChange={(e) => void openLibrary(e)} data-testid="import-library" />
        </div>
      </div>
      {message && <p role={message.kind === 'problem' ? 'alert' : 'status'} className={message.kind === 'problem' ? 'fld-problem' : 'fld-ok'} data-testid="library-message">{message.text}</p>}
    </section>
  );
}

function OpenSomething() {
  const openLoaded = useApp((s) => s.openLoaded);
  const { examples, openExample, openShareFragment } = useSession();
  const [example, setExample] = useState(examples[0]?.id ?? '');
  const [message, setMessage] = useState<Message>(null);
  const [link, setLink] = useState('');
  const ids = { example: useId(), file: useId(), link: useId() };

  async function openFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const [{ checkTextSize }, { loadScenarioText }] = await Promise.all([import('../../scenario/format/input-limits.ts'), import('../../scenario/index.ts')]);
    const tooBig = checkTextSize('file', file.size, file.name);
    if (tooBig) return setMessage({ kind: 'problem', text: tooBig });
    try {
      const text = await file.text();
      const loaded = loadScenarioText(text, `the file "${file.name}"`);
      await openLoaded(loaded, { run: true });
      const from = loaded.source === 'battlesim' ? ' (a BattleSim file, converted)' : '';
      const count = loaded.warningGroups.reduce((n, g) => n + g.warnings.length, 0);
      setMessage({
        kind: 'ok',
        text: `Opened "${loaded.name}" from ${file.name}${from} as a new scenario${count ? `, with ${count} note${count === 1 ? '' : 's'}:` : '.'}`,
        groups: loaded.warningGroups,
      });
    } catch (err) {
      setMessage({ kind: 'problem', text: `${errorText(err)} Nothing was opened.` });
    }
  }

  async function openEmpty() {
    const { loadScenarioJson } = await import('../../scenario/index.ts');
    await openLoaded(loadScenarioJson(newScenarioDocument(), 'a new scenario'), { run: true });
    setMessage({ kind: 'ok', text: 'Started a new scenario by the 2024 rules with one hero and one monster: build it up in the party and the day (the edition is in the day’s rules).' });
  }

  async function openLink() {
    // The decoder takes a whole pasted address and checks its length and form itself.
    const opened = await openShareFragment(link.trim());
    if (!opened.ok) return setMessage({ kind: 'problem', text: opened.error });
    setLink('');
    setMessage({ kind: 'ok', text: `Opened "${opened.name}" from the link as a new scenario.${opened.warnings.length ? ` Notes: ${opened.warnings.join(' ')}` : ''}` });
  }

  return (
    <section className="panel" aria-labelledby="open-title">
      <h2 id="open-title">Open</h2>
      <p className="fld-hint">An example opens as a copy among your saved scenarios: edit the copy as you like, the example stays as it was shipped.</p>
      <div className="fld-row">
        <div className="fld">
          <label htmlFor={ids.example}>Example</label>
          <select id={ids.example} value={example} onChange={(e) => setExample(e.target.value)} data-testid="example-select">
            {examples.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
          <span className="fld-hint" data-testid="example-about">{examples.find((x) => x.id === example)?.about}</span>
        </div>
        <button type="button" className="btn-small" onClick={() => void openExample(example, true).then(() => setMessage({ kind: 'ok', text: 'Opened the example as a new scenario.' }))} data-testid="open-example">Open the example</button>
        <button type="button" className="btn-small" onClick={() => void openEmpty()} data-testid="open-empty">Start an empty scenario</button>
      </div>
      <div className="fld">
        <label htmlFor={ids.file}>A scenario file (Encounter Lab or BattleSim JSON, up to 5 MB)</label>
        <input id={ids.file} type="file" accept=".json,application/json" onChange={(e) => void openFile(e)} data-testid="import-file" />
      </div>
      <div className="fld-row">
        <div className="fld">
          <label htmlFor={ids.link}>A share link</label>
          <input id={ids.link} value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://…#s=…" data-testid="open-link-input" spellCheck={false} />
        </div>
        <button type="button" className="btn-small" disabled={!link.trim()} onClick={() => void openLink()} data-testid="open-link">Open the link</button>
      </div>
      {message && <p role={message.kind === 'problem' ? 'alert' : 'status'} className={message.kind === 'problem' ? 'fld-problem' : 'fld-ok'} data-testid="files-message">{message.text}</p>}
      {message?.groups && message.groups.length > 0 && <WarningGroups groups={message.groups} />}
    </section>
  );
}

function ExportScenario() {
  const { draft, valid, runSettings } = useApp(useShallow((s) => ({ draft: s.draft, valid: s.validation.state !== 'invalid', runSettings: s.runSettings })));
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const linkId = useId();
  if (!draft) return null;
  const run = { seed: runSettings.seed, runs: 'runs' in runSettings ? runSettings.runs : runSettings.precision.maxRuns };
  const fileName = fileNameOf(draft.name);

  async function exportBattleSim() {
    try {
      const [{ loadScenarioJson }, { exportBattleSim: toBattleSim }] = await Promise.all([import('../../scenario/index.ts'), import('../../scenario/interop/battlesim-export.ts')]);
      const loaded = loadScenarioJson(toDocument(draft!), 'this scenario');
      const out = toBattleSim(loaded.name, loaded.spec);
      downloadText(`${fileName}-battlesim.json`, out.text, 'application/json');
      setMessage(out.notes.length ? { kind: 'ok', text: `Saved for BattleSim. It cannot express everything: ${out.notes.slice(0, 8).join(' ')}${out.notes.length > 8 ? ` (and ${out.notes.length - 8} more)` : ''}` } : { kind: 'ok', text: 'Saved for BattleSim.' });
    } catch (e) {
      setMessage({ kind: 'problem', text: errorText(e) });
    }
  }

  async function makeLink() {
    const { encodeShareFragment, linkLengthProblem } = await import('../../scenario/format/share-link.ts');
    const fragment = encodeShareFragment(toDocument(draft!), run);
    const problem = linkLengthProblem(fragment.length);
    if (problem) {
      setLink(null);
      return setMessage({ kind: 'problem', text: `${problem} Export the scenario as a file instead.` });
    }
    setLink(`${location.origin}${location.pathname}${fragment}`);
    setMessage(null);
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setMessage({ kind: 'ok', text: 'The link is copied.' });
    } catch {
      setMessage({ kind: 'problem', text: 'The browser did not allow copying; select the link and copy it by hand.' });
    }
  }

  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">Export and share</h2>
      {!valid && <p className="fld-problem">The scenario has a problem to fix first (see the party and the day).</p>}
      <p className="cr-buttons">
        <button type="button" className="btn-small" disabled={!valid} data-testid="export-scenario"
          onClick={() => downloadText(`${fileName}.json`, `${JSON.stringify(toDocument(draft, run), null, 2)}\n`, 'application/json')}>
          Download the scenario (Encounter Lab JSON)
        </button>
        <button type="button" className="btn-small" disabled={!valid} onClick={() => void exportBattleSim()} data-testid="export-battlesim">Download for BattleSim</button>
        <button type="button" className="btn-small" disabled={!valid} onClick={() => void makeLink()} data-testid="make-link">Make a share link</button>
      </p>
      {link && (
        <div className="fld-row">
          <div className="fld">
            <label htmlFor={linkId}>Share link ({link.length.toLocaleString('en-US')} characters; it holds the whole scenario, nothing is uploaded)</label>
            <input id={linkId} readOnly value={link} data-testid="share-link" onFocus={(e) => e.target.select()} />
          </div>
          <button type="button" className="btn-small" onClick={() => void copy()}>Copy</button>
        </div>
      )}
      {message && <p role={message.kind === 'problem' ? 'alert' : 'status'} className={message.kind === 'problem' ? 'fld-problem' : 'fld-ok'} data-testid="export-message">{message.text}</p>}
    </section>
  );
}
