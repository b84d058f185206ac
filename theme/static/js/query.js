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
  ["한다", "any"], ["하다", "any"], ["한", "any"],
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

// Hangul syllables are composed as 0xAC00 + (lead × 21 + vowel) × 28 + final (Unicode's
// formula); the indexes below are Unicode's order of vowels and final consonants.
const VOWEL = { A: 0, EO: 4, YEO: 6, O: 8, WA: 9, U: 13, WEO: 14, EU: 18, I: 20 };
const FINAL = { DIGEUT: 7, RIEUL: 8, BIEUP: 17, SIOT: 19, SSANGSIOT: 20 };

function syllable(char) {
  const code = char.codePointAt(0) - FIRST_SYLLABLE;
  return { lead: Math.floor(code / 588), vowel: Math.floor((code % 588) / 28), final: code % 28 };
}

function compose({ lead, vowel, final = 0 }) {
  return String.fromCodePoint(FIRST_SYLLABLE + (lead * 21 + vowel) * 28 + final);
}

// 아 after a stem whose last vowel is ㅏ or ㅗ, 어 otherwise (vowel harmony).
function harmony(vowel) {
  return vowel === VOWEL.A || vowel === VOWEL.O ? "아" : "어";
}

/**
 * The beginnings a verb or adjective typed in its dictionary form (…다) takes in
 * running text: its stem (만들다 → 만들: 만들었다, 만들고 … as Pagefind compares letter
 * by letter; 만드 for 만드는, 만든), and the stem as it fuses with 아/어 in the common conjugations, regular
 * and irregular: 고치다 → 고쳐 (고쳤다), 나누다 → 나눠, 보다 → 봐, 쓰다 → 써, 모르다 → 몰라
 * (르), 덥다 → 더우, 더워 (ㅂ), 듣다 → 들어 (ㄷ), 낫다 → 나으, 나아 (ㅅ), 측정하다 → 측정해.
 * Any other word gives [].
 * @param {string} word
 * @returns {string[]}
 */
export function verbStems(word) {
  const chars = [...word];
  if (chars.length < 2 || chars.at(-1) !== "다" || !chars.every(isSyllable)) return [];
  const stem = chars.slice(0, -1);
  const before = stem.slice(0, -1).join("");
  const last = syllable(stem.at(-1));
  const previous = stem.length > 1 ? syllable(stem.at(-2)) : null;
  const stems = [stem.join("")];
  const open = { ...last, final: 0 };
  if (last.final === FINAL.RIEUL) {
    stems.push(`${before}${compose(open)}`); // ㄹ drops before ㄴ, ㅂ, ㅅ: 만드는, 만든
  } else if (last.final === FINAL.BIEUP) {
    stems.push(`${before}${compose(open)}우`, `${before}${compose(open)}워`);
  } else if (last.final === FINAL.DIGEUT) {
    stems.push(`${before}${compose({ ...last, final: FINAL.RIEUL })}${harmony(last.vowel)}`);
  } else if (last.final === FINAL.SIOT) {
    stems.push(`${before}${compose(open)}으`, `${before}${compose(open)}${harmony(last.vowel)}`);
  } else if (last.final === 0 && stem.at(-1) === "하") {
    stems.push(`${before}해`);
  } else if (last.final === 0 && stem.at(-1) === "르" && previous) {
    const fused = compose({ ...previous, final: FINAL.RIEUL });
    stems.push(`${stem.slice(0, -2).join("")}${fused}${harmony(previous.vowel) === "아" ? "라" : "러"}`);
  } else if (last.final === 0) {
    const fused = {
      [VOWEL.I]: VOWEL.YEO,
      [VOWEL.U]: VOWEL.WEO,
      [VOWEL.O]: VOWEL.WA,
      [VOWEL.EU]: previous && harmony(previous.vowel) === "아" ? VOWEL.A : VOWEL.EO,
    }[last.vowel];
    if (fused !== undefined) stems.push(`${before}${compose({ ...last, vowel: fused })}`);
  }
  return stems;
}

// What may follow a verb's stem in a word: an ending's first syllable, or a final
// consonant fused into the stem's last syllable (ㄴ 만든, ㄹ 만들, ㅁ, ㅂ 합니다, ㅆ 했다),
// which stays a letter of its own when the stem's letters are taken off.
const ENDING_STARTS = new Set([
  "고", "는", "다", "서", "면", "지", "기", "게", "며", "니", "도", "요", "라", "러", "어",
  "아", "자", "더", "든", "던", "려", "야", "세", "시", "셨", "겠", "음", "은", "을", "으",
  "거", "네", "죠",
  "\u11ab", "\u11af", "\u11b7", "\u11b8", "\u11bb",
]);

/**
 * Whether a word of a page is `stem` (as `verbStems` gives it) with a verb's ending:
 * 만들었다 and 만들고 for 만들, 만든 for 만드; not 바람 or 바꾸다 for 바 (from 바다).
 * Compared letter by letter (Unicode's decomposed jamo), as Pagefind does.
 * @param {string} stem
 * @param {string} word
 * @returns {boolean}
 */
export function isConjugated(stem, word) {
  const letters = stem.normalize("NFD");
  const written = bare(word).normalize("NFD");
  if (!written.startsWith(letters)) return false;
  const rest = written.slice(letters.length).normalize("NFC");
  if (rest === "" || ENDING_STARTS.has(rest[0])) return true;
  // An ending in the past (었, 았, 렀, 랐, 였): its syllable without the ㅆ.
  const first = isSyllable(rest[0]) ? syllable(rest[0]) : null;
  return first?.final === FINAL.SSANGSIOT && ENDING_STARTS.has(compose({ ...first, final: 0 }));
}

const PARTICLES = new Set(ENDINGS.map(([ending]) => ending));

/**
 * Whether a word of a page is the one-syllable Korean word `term`, alone or with a
 * particle (비, 비가, 비에서), not a longer word that begins like it (비닐, 비교).
 * One syllable begins too many words for Pagefind's beginnings to mean the word.
 * @param {string} term
 * @param {string} word
 * @returns {boolean}
 */
export function isSyllableWord(term, word) {
  const written = bare(word);
  return written.startsWith(term) && (written === term || PARTICLES.has(written.slice(term.length)));
}

function isOneSyllable(term) {
  return [...term].length === 1 && isSyllable(term);
}

/**
 * The searches that stand in for a query whose words include a dictionary form:
 * [[terms, the stem searched for]], the word replaced by one of its stems
 * (`verbStems` of the word as typed: 줄이다 is a verb, though 이다 comes off 모델이다);
 * at most six.
 * @param {string} terms as `searchQuery` gives them
 * @param {string} typed the query as the reader typed it
 * @returns {Array<[string, string]>}
 */
export function stemSearches(terms, typed = terms) {
  const words = terms.split(" ");
  const asTyped = typed.trim().split(/\s+/u);
  const searches = [];
  words.forEach((word, index) => {
    for (const stem of verbStems(asTyped[index] || word)) {
      const replaced = words.map((other, at) => (at === index ? stem : other));
      searches.push([replaced.join(" "), stem]);
    }
  });
  return searches.slice(0, 6);
}

/**
 * One language's results for a query, as the search page lists them: Pagefind's
 * results for `terms`, or none when its best result holds none of a query word
 * (Pagefind then searched a shorter prefix of the word: see `unansweredTerms`); and for
 * a Korean dictionary form (측정하다, 덥다), the pages where it stands conjugated
 * (`stemSearches`, each result checked with `isConjugated`). A one-syllable Korean
 * word keeps the pages where it stands as a word (`isSyllableWord`), or where a word
 * begins as the reader typed it (결로 is a word, not 결 with the particle 로). Best first.
 * @param {object} pagefind Pagefind's module (`pagefind.js`)
 * @param {string} terms as `searchQuery` gives them
 * @param {object} options Pagefind's search options (filters, sort)
 * @param {string} typed the query as the reader typed it
 * @returns {Promise<object[]>} Pagefind's results
 */
export async function searchLanguage(pagefind, terms, options, typed = terms || "") {
  if (!terms) return (await pagefind.search(terms, options)).results;
  let found = (await pagefind.search(terms, options)).results;
  if (found.length) {
    const best = await found[0].data();
    if (unansweredTerms(terms, best.content).length) found = [];
  }
  const asTyped = typed.trim().split(/\s+/u);
  const short = terms
    .split(" ")
    .map((term, at) => [term, asTyped[at] || term])
    .filter(([term]) => isOneSyllable(term));
  if (short.length && found.length) {
    const pages = await Promise.all(found.map((result) => result.data()));
    found = found.filter((_, at) =>
      short.every(([term, written]) =>
        wordsOf(pages[at].content).some(
          (w) => isSyllableWord(term, w) || (written !== term && bare(w).startsWith(written)),
        ),
      ),
    );
  }
  for (const [search, stem] of stemSearches(terms, typed)) {
    const more = (await pagefind.search(search, options)).results;
    const pages = await Promise.all(more.map((result) => result.data()));
    found = found.concat(
      more.filter((_, at) => wordsOf(pages[at].content).some((w) => isConjugated(stem, w))),
    );
  }
  const seen = new Set();
  return found
    .filter((result) => !seen.has(result.id) && seen.add(result.id))
    .sort((a, b) => b.score - a.score);
}
