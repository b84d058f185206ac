// Korean queries as people type them, for Pagefind.
//
// Korean attaches particles to words ("필터를", "튜닝은"), and Pagefind does no Korean
// stemming: it matches each query word as the beginning of an indexed word. So a query
// word loses its particle ("필터를" → "필터"), and then matches "필터", "필터를" and
// "필터의" alike; a partial word ("칼만") already matches "칼만필터". Whether 은/는,
// 이/가, 을/를, 과/와, 으로/로 fit depends on the syllable before them having a final
// consonant (받침), which keeps ordinary words ("아이", "온도") from losing a syllable.

const FIRST_SYLLABLE = 0xac00;
const LAST_SYLLABLE = 0xd7a3;
const RIEUL_FINAL = 8; // ㄹ as a final consonant, in the Unicode syllable formula

// [ending, when it fits, least syllables left]: "final" after a final consonant, "open"
// after none, "open-or-rieul" after none or ㄹ (로), "any" after anything; the stem keeps
// at least one syllable, two after "any" endings and 가 ("추가", "휴가" stay whole).
// Longest first.
const ENDINGS = [
  ["에서부터", "any"], ["에서는", "any"], ["에서도", "any"], ["에게서", "any"],
  ["으로는", "final"], ["으로도", "final"], ["으로서", "final"], ["으로써", "final"],
  ["이라는", "final"], ["입니다", "final"],
  ["에서", "any"], ["에게", "any"], ["에는", "any"], ["에도", "any"], ["한테", "any"],
  ["까지", "any"], ["부터", "any"], ["보다", "any"], ["처럼", "any"], ["마다", "any"],
  ["조차", "any"], ["밖에", "any"], ["만큼", "any"], ["께서", "any"], ["하고", "any"],
  ["하는", "any"], ["하기", "any"], ["하면", "any"], ["해서", "any"], ["했다", "any"],
  ["한다", "any"], ["하다", "any"],
  ["으로", "final"], ["이랑", "final"], ["이란", "final"], ["이다", "final"],
  ["로는", "open-or-rieul"], ["로도", "open-or-rieul"], ["로서", "open-or-rieul"],
  ["로써", "open-or-rieul"], ["라는", "open"],
  ["은", "final"], ["이", "final"], ["을", "final"], ["과", "final"],
  ["는", "open"], ["가", "open", 2], ["를", "open"], ["와", "open"], ["랑", "open"],
  ["란", "open"], ["로", "open-or-rieul"],
  ["의", "any"], ["에", "any"], ["도", "any"], ["만", "any"],
];

function isSyllable(char) {
  const code = char.codePointAt(0);
  return code >= FIRST_SYLLABLE && code <= LAST_SYLLABLE;
}

// The final consonant of a Hangul syllable: 0 for none, 1–27 (Unicode's order).
function finalConsonant(char) {
  return (char.codePointAt(0) - FIRST_SYLLABLE) % 28;
}

function fits(when, before) {
  if (!isSyllable(before)) {
    return true; // "PID를", "Pelican은": read aloud, either form is right
  }
  const final = finalConsonant(before);
  if (when === "final") return final !== 0;
  if (when === "open") return final === 0;
  if (when === "open-or-rieul") return final === 0 || final === RIEUL_FINAL;
  return true;
}

/**
 * One query word without its Korean particle or 하다 ending, when it has one.
 *
 * The stem must keep at least one syllable, and two when the ending fits after
 * anything (의, 에, 도, 만, ...) or is 가, so "회의", "온도", "칼만" and "추가" stay whole.
 * @param {string} word
 * @returns {string}
 */
export function stripParticle(word) {
  for (const [ending, when, least = when === "any" ? 2 : 1] of ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, word.length - ending.length);
    if ([...stem].length < least) continue;
    if (fits(when, stem.slice(-1))) return stem;
  }
  return word;
}

/**
 * A reader's query as Pagefind should see it: words split on white space, each
 * without its particle; English and other words unchanged ("PID 튜닝은" → "PID 튜닝").
 * @param {string} query
 * @returns {string}
 */
export function searchQuery(query) {
  return query.trim().split(/\s+/u).filter(Boolean).map(stripParticle).join(" ");
}

function bare(word) {
  return word.toLocaleLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

function sharedPrefix(first, second) {
  const a = [...first];
  const b = [...second];
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}

/**
 * Whether a word of a page answers a query word: they begin alike for at least half
 * the query word (three characters at least, or all of a shorter word). English
 * stemming lets "tuning" find "tuned"; a lone "x" does not answer "xylophone".
 * @param {string} term a query word, as `searchQuery` gives it
 * @param {string} word a word of the page, as written
 * @returns {boolean}
 */
export function answers(term, word) {
  const query = bare(term);
  const length = [...query].length;
  const least = Math.min(length, Math.max(3, Math.ceil(length / 2)));
  return sharedPrefix(query, bare(word)) >= least;
}

// Scripts written without spaces between words: a query word in them is answered by the
// page's text holding it anywhere (Pagefind segments such text into words of its own).
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The words of a page's text, split on white space and punctuation.
 * @param {string} content
 * @returns {string[]}
 */
export function wordsOf(content) {
  return content.split(/[\s\p{P}]+/u).filter(Boolean);
}

/**
 * The query words that the page's text does not answer. Pagefind, when no indexed word
 * begins with a query word, quietly searches for the word's longest prefix that is
 * indexed (down to one letter: https://github.com/Pagefind/pagefind/issues/599), so a
 * result may hold none of the reader's words. A word is answered when a word of the
 * page begins like it (`answers`); a word in Chinese or Japanese script, which are not
 * written with spaces, when the page's text holds it anywhere ("障害" in "サーバー障害が").
 * @param {string} query as `searchQuery` gives it
 * @param {string} content the result's text (Pagefind's `content`)
 * @returns {string[]}
 */
export function unansweredTerms(query, content) {
  const text = content.toLocaleLowerCase();
  const words = wordsOf(content);
  return query
    .split(" ")
    .filter(Boolean)
    .filter((term) =>
      UNSPACED.test(term)
        ? !text.includes(bare(term))
        : !words.some((word) => answers(term, word)),
    );
}

/**
 * One language's results for a query, as the search page lists them: Pagefind's
 * results for `terms`, or none when its best result holds none of a query word
 * (Pagefind then searched a shorter prefix of the word: see `unansweredTerms`).
 * @param {object} pagefind Pagefind's module (`pagefind.js`)
 * @param {string} terms as `searchQuery` gives them
 * @param {object} options Pagefind's search options (filters, sort)
 * @returns {Promise<object[]>} Pagefind's results, best first
 */
export async function searchLanguage(pagefind, terms, options) {
  const found = (await pagefind.search(terms, options)).results;
  if (found.length && terms) {
    const best = await found[0].data();
    if (unansweredTerms(terms, best.content).length) return [];
  }
  return found;
}
