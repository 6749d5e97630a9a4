/** The compiled executor's fast leaf serializers (server/compiled.ts) behave as graphql-js's. */
import fc from 'fast-check';
import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, type GraphQLScalarType, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FAST_SERIALIZERS } from '../../server/compiled.js';

const outcome = (fn: () => unknown): { value: unknown } | { error: string } => {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

// Values a resolver may hand a leaf: right-typed, coercible, and wrong.
const anyLeaf = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, -0, 1.5, '12', ' 3 ', '', 'x', true, false),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.object(),
  fc.array(fc.integer()),
);

describe('fast leaf serializers', () => {
  for (const scalar of [GraphQLInt, GraphQLFloat, GraphQLString, GraphQLBoolean, GraphQLID] as GraphQLScalarType[]) {
    it(`${scalar.name}: same value or same error as graphql-js`, () => {
      const fast = FAST_SERIALIZERS[scalar.name];
      expect(fast).toBeTypeOf('function');
      fc.assert(
        fc.property(anyLeaf, (v) => {
          expect(outcome(() => fast?.(v))).toStrictEqual(outcome(() => scalar.serialize(v)));
        }),
        { numRuns: 500 },
      );
    });
  }
});
