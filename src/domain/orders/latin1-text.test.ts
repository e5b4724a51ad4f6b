import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLatin1, toLatin1 } from './latin1-text.js';

/** Small deterministic PRNG so a failing random case can be reproduced. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('toLatin1', () => {
  const cases: Array<[string, string, string]> = [
    ['keeps Latin-1 letters', 'Jürgen Groß, Café Øresund, Ærø, Ñandú', 'Jürgen Groß, Café Øresund, Ærø, Ñandú'],
    ['Polish', 'Łukasz Żółć, Gdańsk, Częstochowa, Ślęża, Źródło', 'Lukasz Zólc, Gdansk, Czestochowa, Sleza, Zródlo'],
    ['Czech and Slovak', 'Jiří Dvořák, Šumava, Žilina, Čadca', 'Jirí Dvorák, Sumava, Zilina, Cadca'],
    ['Hungarian double acute becomes umlaut', 'Erdős Pál, Győr, Űrhajó, Őrség', 'Erdös Pál, Györ, Ürhajó, Örség'],
    ['Serbo-Croatian', 'Đorđe Đukić', 'Dorde Dukic'],
    ['Romanian and Turkish', 'Timișoara, Ştefan, İstanbul, Iğdır', 'Timisoara, Stefan, Istanbul, Igdir'],
    ['Vietnamese keeps marks Latin-1 has', 'Nguyễn Thị Ầu', 'Nguyên Thi Âu'],
    ['Russian', 'Москва, улица Щукина', 'Moskva, ulitsa Shchukina'],
    ['Cyrillic capitals: word case and all caps', 'Жуков ЖУК Щ', 'Zhukov ZHUK Shch'],
    ['Ukrainian', 'Київ, Їжак, Євген, Ґанок', 'Kiyiv, Yizhak, Yevgen, Ganok'],
    ['Serbian Cyrillic', 'Ђорђе Љубљана Њиш', 'Djordje Ljubljana Njish'],
    ['Greek with accents', 'Αθήνα, Θεσσαλονίκη, Ψυχή', 'Athina, Thessaloniki, Psychi'],
    ['Greek capitals', 'ΘΕΣΣΑΛΟΝΙΚΗ', 'THESSALONIKI'],
    ['smart quotes and dashes', '“Quoted” – ‘single’ — a‑b … x−y', '"Quoted" - \'single\' - a-b ... x-y'],
    ['ligatures and compatibility forms', 'ﬁne ﬂat Œuvre ™ Ａ①', 'fine flat OEuvre TM A1'],
    ['euro sign', 'Preis 5 €', 'Preis 5 EUR'],
    ['drops what has no Latin form', '東京 Tokyo 😀 ok', 'Tokyo ok'],
    ['collapses and trims spaces of every kind', '  a  b\t\tc\nd\u00A0\u00A0e\u2003f  ', 'a b c d e f'],
    ['drops invisible characters', 'ab\u200Bc\u00ADd\uFEFFe', 'abcde'],
    ['drops control characters', 'a\u0001b\u0085c\u009Fd', 'abcd'],
    ['drops stray combining marks', 'q\u0303x', 'qx'],
    ['NFC first: decomposed umlaut stays one letter', 'Mu\u0308ller', 'Müller'],
    ['empty', '', ''],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(toLatin1(input), expected));
  }

  it('always yields Latin-1 without double, leading or trailing spaces, and is idempotent', () => {
    const pool = [...'abcXYZ019 #+-_.,\'"äößéøŁłőűčšžřęąćńśźżĐđЖжщЩΑαΘθ“”–—…\u00A0\u2003\u200B\t\n東京😀€ﬁ\u0301\u0085'];
    const random = mulberry32(42);
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(random() * 40);
      let text = '';
      for (let i = 0; i < length; i++) text += pool[Math.floor(random() * pool.length)] ?? '';
      const out = toLatin1(text);
      assert.ok(isLatin1(out), `not Latin-1: ${JSON.stringify(text)} → ${JSON.stringify(out)}`);
      assert.ok(!out.includes('  '), `double space: ${JSON.stringify(out)}`);
      assert.equal(out, out.trim());
      assert.equal(toLatin1(out), out, `not idempotent for ${JSON.stringify(text)}`);
      assert.ok([...out].every((ch) => { const c = ch.charCodeAt(0); return c >= 0x20 && (c < 0x7f || c > 0x9f); }), `control character left in ${JSON.stringify(out)}`);
    }
  });
});

describe('isLatin1', () => {
  const cases: Array<[string, boolean]> = [
    ['', true],
    ['Müller ß ÿ', true],
    ['\u00FF', true],
    ['\u0100', false],
    ['Łódź', false],
    ['€', false],
    ['😀', false],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(isLatin1(text), expected));
  }
});
