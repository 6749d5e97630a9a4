/**
 * Schema lint: the rules of docs/schema-changes.md, checked on the built schema so a new field
 * cannot skip them. Every type, field, argument, input field and enum value is described; a
 * String never stands for a closed set; ratios say what they divide by; months are YearMonth;
 * channels are ChannelRef; every object has an id or says it is an embedded value; typed
 * failures follow one pattern. Each rule is also run on a schema that breaks it.
 */
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';

type Composite = GraphQLNamedType & { getFields(): Record<string, GraphQLField<unknown, unknown>> };
interface Slot {
  coordinate: string;
  name: string;
  type: GraphQLNamedType;
  output: boolean;
  description: string | null | undefined;
}

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
/** The sentence an object without an id carries in its description. */
const EMBEDDED = 'Embedded value, no identity';

const typesOf = (s: GraphQLSchema): GraphQLNamedType[] =>
  Object.values(s.getTypeMap()).filter((t) => !t.name.startsWith('__') && !isSpecifiedScalarType(t));
const compositesOf = (s: GraphQLSchema): Composite[] =>
  typesOf(s).filter((t): t is Composite => isObjectType(t) || isInterfaceType(t));

/** Every field, argument and input field, with its schema coordinate. */
function slotsOf(s: GraphQLSchema): Slot[] {
  return [
    ...compositesOf(s).flatMap((t) =>
      Object.values(t.getFields()).flatMap((f) => [
        { coordinate: `${t.name}.${f.name}`, name: f.name, type: getNamedType(f.type), output: true, description: f.description },
        ...f.args.map((a: GraphQLArgument) => ({
          coordinate: `${t.name}.${f.name}(${a.name}:)`,
          name: a.name,
          type: getNamedType(a.type),
          output: false,
          description: a.description,
        })),
      ]),
    ),
    ...typesOf(s)
      .filter(isInputObjectType)
      .flatMap((t) =>
        Object.values(t.getFields()).map((f) => ({
          coordinate: `${t.name}.${f.name}`,
          name: f.name,
          type: getNamedType(f.type),
          output: false,
          description: f.description,
        })),
      ),
  ];
}

const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');

/** Name words that say "one of a closed set": a String with such a name should be an enum. */
const CLOSED = new Set(
  'code state status tier kind source reason type trend habit interval metric order aggregation product topic timeframe format level mode category role unit'.split(
    ' ',
  ),
);
/** Strings whose names say "closed set" but whose values are open, each with its reason. */
const OPEN: Record<string, string> = {
  'TimestampFormatCount.format':
    'the date-line shapes of every Takeout export language (and ISO 8601): a new export language adds one',
};

const RULES: Record<string, (s: GraphQLSchema) => string[]> = {
  'every type, field, argument, input field and enum value is described': (s) => [
    ...typesOf(s).flatMap((t) => [
      ...(t.description?.trim() ? [] : [t.name]),
      ...(isEnumType(t)
        ? t
            .getValues()
            .filter((v) => !v.description?.trim())
            .map((v) => `${t.name}.${v.name}`)
        : []),
    ]),
    ...slotsOf(s)
      .filter((x) => !x.description?.trim())
      .map((x) => x.coordinate),
  ],
  'no String stands for a closed set': (s) =>
    slotsOf(s)
      .filter((x) => x.type.name === 'String' && words(x.name).some((w) => CLOSED.has(w)) && !(x.coordinate in OPEN))
      .map((x) => x.coordinate),
  'every ratio is named for what it divides by (shareOf…)': (s) =>
    slotsOf(s)
      .filter((x) => words(x.name).includes('share') && !/(^s|S)hareOf[A-Z]/.test(x.name))
      .map((x) => x.coordinate),
  'months are YearMonth, dates LocalDate': (s) =>
    slotsOf(s)
      .filter((x) => {
        const last = words(x.name).at(-1) ?? '';
        return (
          (last === 'month' && ['String', 'LocalDate'].includes(x.type.name)) ||
          (['date', 'day'].includes(last) && x.type.name === 'String')
        );
      })
      .map((x) => `${x.coordinate}: ${x.type.name}`),
  // ResolvedFilter.channels echoes the filter's keys as sent: they may name no channel at all.
  'results name channels with ChannelRef, not keys': (s) =>
    slotsOf(s)
      .filter((x) => x.output && /^channels?$/.test(x.name) && x.type.name === 'String')
      .map((x) => x.coordinate)
      .filter((c) => c !== 'ResolvedFilter.channels'),
  'every object has id: ID!, or says it is an embedded value (and not both)': (s) =>
    compositesOf(s).flatMap((t) => {
      if (ROOTS.has(t.name)) return [];
      const id = t.getFields().id;
      if (id && !(isNonNullType(id.type) && getNamedType(id.type).name === 'ID')) return [`${t.name}.id is not ID!`];
      if (id && t.description?.includes(EMBEDDED)) return [`${t.name} has an id but says it has none`];
      return id || t.description?.includes(EMBEDDED) ? [] : [t.name];
    }),
  'typed failures: <Field>Result = <Field>Success | types implementing Failure { code: FailureCode! }': (s) => {
    const unions = typesOf(s).filter(isUnionType);
    const isFailure = (t: GraphQLNamedType) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Failure');
    const members = new Set(unions.flatMap((u) => u.getTypes().map((m) => m.name)));
    return [
      ...unions.flatMap((u) => {
        const successes = u
          .getTypes()
          .filter((m) => !isFailure(m))
          .map((m) => m.name);
        const base = u.name.replace(/Result$/, '');
        return u.name.endsWith('Result') && successes.length === 1 && successes[0] === `${base}Success` ? [] : [u.name];
      }),
      ...compositesOf(s)
        .filter(isFailure)
        .filter((f) => {
          const code = f.getFields().code;
          return !members.has(f.name) || !code || getNamedType(code.type).name !== 'FailureCode';
        })
        .map((f) => f.name),
    ];
  },
};

describe('schema lint', () => {
  for (const [rule, check] of Object.entries(RULES)) {
    it(`the gateway schema: ${rule}`, () => {
      expect(check(schema)).toEqual([]);
    });
  }

  it('every exception to the closed-set rule still exists (a stale one misleads)', () => {
    const coordinates = new Set(slotsOf(schema).map((x) => x.coordinate));
    expect(Object.keys(OPEN).filter((c) => !coordinates.has(c))).toEqual([]);
  });

  it('each rule rejects a schema that breaks it (the faults of schema v1)', () => {
    const bad = buildSchema(`
      "Q" type Query { "r" report: Report  "c" evolution: ChannelEvolutionOutcome  "s" session: Session }
      type Report { eventsAdded: Int  "s" source: String  "c" code: String  "t" tier: String }
      "Embedded value, no identity." type TopChannel { "k" channelKey: String  "s" share: Float  "w" weekendShare: Float }
      "Embedded value, no identity." type Point { "m" month: String  "d" startDate: String }
      "Embedded value, no identity." type Session { "c" channels: [String!]!  "i" id: ID! }
      "Embedded value, no identity." type ChannelEvolutionResult { "d" data: Int }
      "Embedded value, no identity." type UnknownChannel { "c" channel: String }
      "u" union ChannelEvolutionOutcome = ChannelEvolutionResult | UnknownChannel
      "k" enum Kind { A "b" B }
    `);
    const found = Object.fromEntries(Object.entries(RULES).map(([rule, check]) => [rule, check(bad)]));
    expect(Object.values(found)).toEqual([
      ['Report', 'Kind.A', 'Report.eventsAdded'],
      ['Report.source', 'Report.code', 'Report.tier'],
      ['TopChannel.share', 'TopChannel.weekendShare'],
      ['Point.month: String', 'Point.startDate: String'],
      ['Session.channels', 'UnknownChannel.channel'],
      ['Report', 'Session has an id but says it has none'],
      ['ChannelEvolutionOutcome'],
    ]);
  });
});
