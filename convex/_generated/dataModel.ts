/* Hand-written stand-in for `npx convex codegen` output. */
import type { DocumentByName, TableNamesInDataModel } from 'convex/server';
import type { GenericId } from 'convex/values';
import type { DataModel } from './server.js';

export type { DataModel };
export type TableNames = TableNamesInDataModel<DataModel>;
export type Doc<T extends TableNames> = DocumentByName<DataModel, T>;
export type Id<T extends TableNames> = GenericId<T>;
