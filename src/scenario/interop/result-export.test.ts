import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScenario, emptyAggregate, simulate, summarize, type Aggregate, type AggregateLayout } from '../../engine/index.ts';
import { loadScenarioJson } from '../format/load.ts';
import { CSV_COLUMNS, csvCell, csvNumber, resultToCsv, resultToJson, toResultDocument } from './result-export.ts';
import { minimalDocument } from '../format/test-helpers.ts';

const layout: AggregateLayout = {
  party: ['Aria, the "Quick"', '=HYPERLINK("http://x")', '-5'],
  partyActions: [[], [], []],
  encounters: [
    { name: 'Goblin\nAmbush', enemies: ['Goblin'], enemyActions: [[]] },
    { name: '@boss', enemies: [], enemyActions: [] },
  ],
  roundCap: 10,
  partyHpMax: 30,
};

/** Ten runs with counts chosen by hand; every expected number below is worked out from them. */
function handAggregate(): Aggregate {
  const agg = emptyAggregate(layout);
  Object.assign(agg, { runs: 10, dayVictory: 5, dayDefeat: 3, dayDraw: 2, dayRoundsSum: 56, deathsSum: 4, deathsSquaresSum: 6, anyDeathRuns: 3 });
  Object.assign(agg.characters[0], { downRuns: 4, deathRuns: 1, damageDealt: 123, damageTaken: 45, healingDone: 0 });
  Object.assign(agg.characters[1], { downRuns: 0, deathRuns: 0, damageDealt: 10, damageTaken: 1, healingDone: 20 });
  Object.assign(agg.characters[2], { downRuns: 10, deathRuns: 3, damageDealt: 7, damageTaken: 300, healingDone: 5 });
  Object.assign(agg.encounters[0], { reached: 10, victory: 8, defeat: 1, draw: 1, roundsSum: 31 });
  Object.assign(agg.encounters[1], { reached: 8, victory: 5, defeat: 2, draw: 1, roundsSum: 25 });
  return agg;
}

// Wilson 95% bounds worked out separately (z = 1.959963984540054), rounded to six decimals:
// 5/10 [0.236593, 0.763407], 3/10 [0.107791, 0.603222], 2/10 [0.056682, 0.509838],
// 4/10 [0.16818, 0.687326], 1/10 [0.017876, 0.40415], 0/10 [0, 0.277533], 10/10 [0.722467, 1],
// 8/10 [0.490162, 0.943318], 5/8 [0.305742, 0.863156], 2/8 [0.071479, 0.590725], 1/8 [0.022417, 0.470888].
const expectedCsv = [
  '\ufeffsection,name,metric,value,low (95%),high (95%),count,out of',
  'scenario,"Night, ""Raid""",seed,4294967295,,,,',
  'scenario,"Night, ""Raid""",runs,10,,,,',
  'day,,victory chance,0.5,0.236593,0.763407,5,10',
  'day,,defeat chance,0.3,0.107791,0.603222,3,10',
  'day,,draw chance,0.2,0.056682,0.509838,2,10',
  'day,,expected deaths,0.4,,,,',
  'day,,chance of any death,0.3,0.107791,0.603222,3,10',
  'day,,mean rounds,5.6,,,,',
  'character,"Aria, the ""Quick""",down chance,0.4,0.16818,0.687326,4,10',
  'character,"Aria, the ""Quick""",death chance,0.1,0.017876,0.40415,1,10',
  'character,"Aria, the ""Quick""",mean damage dealt,12.3,,,,',
  'character,"Aria, the ""Quick""",mean damage taken,4.5,,,,',
  'character,"Aria, the ""Quick""",mean healing done,0,,,,',
  'character,"\'=HYPERLINK(""http://x"")",down chance,0,0,0.277533,0,10',
  'character,"\'=HYPERLINK(""http://x"")",death chance,0,0,0.277533,0,10',
  'character,"\'=HYPERLINK(""http://x"")",mean damage dealt,1,,,,',
  'character,"\'=HYPERLINK(""http://x"")",mean damage taken,0.1,,,,',
  'character,"\'=HYPERLINK(""http://x"")",mean healing done,2,,,,',
  'character,-5,down chance,1,0.722467,1,10,10',
  'character,-5,death chance,0.3,0.107791,0.603222,3,10',
  'character,-5,mean damage dealt,0.7,,,,',
  'character,-5,mean damage taken,30,,,,',
  'character,-5,mean healing done,0.5,,,,',
  'encounter,"Goblin\nAmbush",runs reaching it,10,,,,',
  'encounter,"Goblin\nAmbush",victory chance,0.8,0.490162,0.943318,8,10',
  'encounter,"Goblin\nAmbush",defeat chance,0.1,0.017876,0.40415,1,10',
  'encounter,"Goblin\nAmbush",draw chance,0.1,0.017876,0.40415,1,10',
  'encounter,"Goblin\nAmbush",mean rounds,3.1,,,,',
  'encounter,\'@boss,runs reaching it,8,,,,',
  'encounter,\'@boss,victory chance,0.625,0.305742,0.863156,5,8',
  'encounter,\'@boss,defeat chance,0.25,0.071479,0.590725,2,8',
  'encounter,\'@boss,draw chance,0.125,0.022417,0.470888,1,8',
  'encounter,\'@boss,mean rounds,3.125,,,,',
].join('\r\n') + '\r\n';

const meta = { scenarioName: 'Night, "Raid"', seed: 4294967295 };

/** An RFC 4180 reader, written for the test, to show the file parses back to the intended cells. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('')).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('defuses cells a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=1+1')).toBe('\'=1+1');
    expect(csvCell('+SUM(A1)')).toBe('\'+SUM(A1)');
    expect(csvCell('-2+3')).toBe('\'-2+3');
    expect(csvCell('@cmd')).toBe('\'@cmd');
    expect(csvCell('\tx')).toBe('\'\tx');
    expect(csvCell('\r=x')).toBe('"\'\r=x"');
    expect(csvCell('\uff1d1+1')).toBe('\'\uff1d1+1');
    expect(csvCell('=A1,B1')).toBe('"\'=A1,B1"');
    expect(csvCell('-cmd|\' /C calc\'!A0')).toBe('\'-cmd|\' /C calc\'!A0');
    for (const n of ['-5', '+5', '-0.25', '-1e5', '-.5', '12']) expect(csvCell(n)).toBe(n);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('any text survives a round trip through an RFC 4180 reader, unchanged but for the defusing apostrophe', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => {
      const [[back]] = parseCsv(`${csvCell(text)}\r\n`);
      const defused = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(text) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text);
      expect(back).toBe(defused ? `'${text}` : text);
    }));
  });

  it('numbers: integers exactly, others to six decimals, nothing for non-finite', () => {
    expect([0, -0, 7, 4294967295, 100000000].map(csvNumber)).toEqual(['0', '0', '7', '4294967295', '100000000']);
    expect([1 / 3, 2 / 3, 0.1 + 0.2, 1e-7, -1e-7, 0.125, 12.3456789].map(csvNumber))
      .toEqual(['0.333333', '0.666667', '0.3', '0', '0', '0.125', '12.345679']);
    expect([Number.NaN, Number.POSITIVE_INFINITY].map(csvNumber)).toEqual(['', '']);
  });
});

describe('resultToCsv', () => {
  it('writes the hand-built aggregate exactly', () => {
    expect(resultToCsv(handAggregate(), layout, meta)).toBe(expectedCsv);
  });

  it('parses back to rows of the header\'s width with the names as given', () => {
    const records = parseCsv(resultToCsv(handAggregate(), layout, meta).slice(1));
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    for (const r of records) expect(r).toHaveLength(CSV_COLUMNS.length);
    expect(records.filter((r) => r[0] === 'character').map((r) => r[1]))
      .toEqual([...Array(5).fill('Aria, the "Quick"'), ...Array(5).fill('\'=HYPERLINK("http://x")'), ...Array(5).fill('-5')]);
    expect(records[1]).toEqual(['scenario', 'Night, "Raid"', 'seed', '4294967295', '', '', '', '']);
    expect(records.filter((r) => r[0] === 'encounter')[0][1]).toBe('Goblin\nAmbush');
  });

  it('an empty result has zero chances with the widest intervals', () => {
    const csv = resultToCsv(emptyAggregate(layout), layout, { scenarioName: 'Empty', seed: 0 });
    expect(csv).toContain('\r\nday,,victory chance,0,0,1,0,0\r\n');
    expect(csv).toContain('\r\nday,,mean rounds,0,,,,\r\n');
    expect(csv).toContain('\r\nencounter,\'@boss,victory chance,0,0,1,0,0\r\n');
  });

  it('refuses an aggregate of another scenario', () => {
    const other: AggregateLayout = { ...layout, party: ['Solo'], partyActions: [[]] };
    expect(() => resultToCsv(handAggregate(), other, meta)).toThrow('does not match the scenario layout');
    const fewerEnemies: AggregateLayout = { ...layout, encounters: [{ ...layout.encounters[0], enemies: [], enemyActions: [] }, layout.encounters[1]] };
    expect(() => resultToJson(handAggregate(), fewerEnemies, meta)).toThrow('does not match the scenario layout');
  });
});

describe('resultToJson', () => {
  it('holds the envelope and the summary of the hand-built aggregate', () => {
    const text = resultToJson(handAggregate(), layout, meta);
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text) as ReturnType<typeof toResultDocument>;
    expect(doc).toMatchObject({ format: 'encounter-lab/result', version: 1, scenarioName: 'Night, "Raid"', seed: 4294967295, runs: 10 });
    expect(Object.keys(doc)).toEqual(['format', 'version', 'scenarioName', 'seed', 'runs', 'summary']);
    const { summary } = doc;
    expect(summary.runs).toBe(10);
    expect(summary.day.victory.count).toBe(5);
    expect(summary.day.victory.p).toBe(0.5);
    expect(summary.day.victory.ci95[0]).toBeCloseTo(0.236593, 6);
    expect(summary.day.victory.ci95[1]).toBeCloseTo(0.763407, 6);
    expect(summary.deaths.expected).toBe(0.4);
    // Sample SD of deaths with sum 4 and sum of squares 6 over 10 runs: sqrt((6 - 10 * 0.16) / 9).
    expect(summary.deaths.sd).toBeCloseTo(Math.sqrt(4.4 / 9), 12);
    expect(summary.characters.map((c) => [c.name, c.damageDealt, c.down.count, c.death.count])).toEqual([
      ['Aria, the "Quick"', 12.3, 4, 1], ['=HYPERLINK("http://x")', 1, 0, 0], ['-5', 0.7, 10, 3],
    ]);
    expect(summary.encounters.map((e) => [e.name, e.reached, e.victory.p, e.rounds.mean])).toEqual([
      ['Goblin\nAmbush', 10, 0.8, 3.1], ['@boss', 8, 0.625, 3.125],
    ]);
    // The JSON is data for programs: names are kept as written, with nothing defused.
    expect(doc.summary.characters[1].name).toBe('=HYPERLINK("http://x")');
  });
});

describe('exports of a simulated result', () => {
  const loaded = loadScenarioJson(minimalDocument());
  const compiled = compileScenario(loaded.spec);
  const agg = simulate(compiled, 1234, 200);

  it('the JSON summary is summarize() of the same aggregate', () => {
    const doc = JSON.parse(resultToJson(agg, compiled.layout, { scenarioName: loaded.name, seed: 1234 })) as ReturnType<typeof toResultDocument>;
    expect(doc.runs).toBe(200);
    expect(doc.summary).toEqual(JSON.parse(JSON.stringify(summarize(agg, compiled.layout))));
    expect(toResultDocument(agg, compiled.layout, { scenarioName: loaded.name, seed: 1234 }).summary).toEqual(summarize(agg, compiled.layout));
  });

  it('the CSV rows carry the aggregate\'s counts', () => {
    const records = parseCsv(resultToCsv(agg, compiled.layout, { scenarioName: loaded.name, seed: 1234 }).slice(1));
    // Header, 2 scenario rows, 6 day rows, 5 per character, 5 per encounter.
    expect(records).toHaveLength(1 + 2 + 6 + 5 * compiled.layout.party.length + 5 * compiled.layout.encounters.length);
    const row = (section: string, metric: string) => records.find((r) => r[0] === section && r[2] === metric)!;
    expect(row('day', 'victory chance').slice(6)).toEqual([String(agg.dayVictory), '200']);
    expect(Number(row('day', 'victory chance')[3])).toBeCloseTo(agg.dayVictory / 200, 6);
    expect(Number(row('day', 'defeat chance')[6]) + Number(row('day', 'victory chance')[6]) + Number(row('day', 'draw chance')[6])).toBe(200);
    expect(row('character', 'mean damage dealt')[1]).toBe('Hero');
    expect(Number(row('character', 'mean damage dealt')[3])).toBeCloseTo(agg.characters[0].damageDealt / 200, 6);
    expect(row('encounter', 'runs reaching it')[3]).toBe(String(agg.encounters[0].reached));
  });
});
