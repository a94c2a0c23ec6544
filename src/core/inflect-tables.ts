/**
 * Irregular English forms for the lemmatizer (src/core/inflect.ts): each maps to its base form,
 * which then goes through the regular rules like any other base. Kept to the verbs and nouns that
 * occur in news and diplomatic prose; ambiguous forms (`left`, `lay`, `bore`) are left out on
 * purpose, because reading them as `leave`, `lie`, `bear` would match the wrong word more often
 * than the right one.
 */
const VERBS = `
arise arose arisen|be was were been|bear borne|beat beaten|become became|begin began begun|
bend bent|bind bound|bite bit bitten|bleed bled|break broke broken|bring brought|build built|
buy bought|catch caught|choose chose chosen|come came|cost|cut|deal dealt|dig dug|do does did done|
draw drew drawn|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed|
feel felt|fight fought|find found|flee fled|fly flew flown|forbid forbade forbidden|
forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten|give gave given|
go goes went gone|grow grew grown|hang hung|have has had having|hear heard|hide hid hidden|hit|
hold held|hurt|keep kept|know knew known|lead led|lend lent|let|lose lost|make made|mean meant|
meet met|mislead misled|overcome overcame|overtake overtook overtaken|pay paid|put|quit|read|
rebuild rebuilt|ride rode ridden|ring rang rung|rise rose risen|run ran|say said|see saw seen|
seek sought|sell sold|send sent|set|shake shook shaken|shoot shot|show shown|shut|sing sang sung|
sink sank sunk|sit sat|sleep slept|speak spoke spoken|spend spent|split|spread|stand stood|
steal stole stolen|stick stuck|strike struck stricken|strive strove striven|swear swore sworn|
take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|
undergo underwent undergone|understand understood|undertake undertook undertaken|
uphold upheld|use used|wake woke woken|wear wore worn|win won|withdraw withdrew withdrawn|
withhold withheld|withstand withstood|write wrote written|
`;

const NOUNS = `
analysis analyses|axis axes|basis bases|child children|crisis crises|criterion criteria|
diagnosis diagnoses|foot feet|goose geese|half halves|hypothesis hypotheses|knife knives|
life lives|man men|medium media|mouse mice|oasis oases|person people|phenomenon phenomena|
self selves|thesis theses|thief thieves|tooth teeth|wife wives|wolf wolves|woman women|
spokesman spokesmen|spokeswoman spokeswomen|chairman chairmen|congressman congressmen|
serviceman servicemen|countryman countrymen|statesman statesmen|
`;

function table(...lists: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of lists.join('|').split('|')) {
    const [base, ...forms] = group.trim().split(/\s+/);
    if (!base) continue;
    map.set(base, base);
    for (const form of forms) map.set(form, base);
  }
  return map;
}

/** Irregular form (or base) → base form. */
export const IRREGULAR: ReadonlyMap<string, string> = table(VERBS, NOUNS);

/** Words that end like an inflection but are not one. */
export const INVARIANT: ReadonlySet<string> = new Set(
  (
    'news series species politics economics physics means headquarters chaos always perhaps ' +
    'nevertheless thus whereas towards afterwards during nothing something anything everything ' +
    'morning evening bring thing king ring spring string swing sibling ceiling wedding'
  ).split(' '),
);
