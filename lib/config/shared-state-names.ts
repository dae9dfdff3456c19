import { z } from "zod";
import { sdkPartitionOf } from "../naming/aws-regions";
import { defaultLockTableName, stateBucketName } from "../naming/state-backend";

/** The fields of an `environments[]` entry that decide its state bucket and lock table. */
interface StateFields {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly stateBucketName?: string;
  readonly lockTableName?: string;
}

interface StateName {
  readonly key: "stateBucketName" | "lockTableName";
  readonly name: string;
  /** Names that collide share a scope: a partition for buckets, an account and region for tables. */
  readonly scope: string;
  readonly explicit: boolean;
}

const bucketOf = (env: StateFields): string =>
  env.stateBucketName ?? stateBucketName({ ...env, environmentName: env.name });

/**
 * The bucket and lock table each environment's bootstrap may create. The table counts whatever the
 * lockMode: one shared name would break as soon as either environment switches to DynamoDB locks.
 */
function stateNames(env: StateFields): StateName[] {
  const bucket: StateName = {
    key: "stateBucketName",
    name: bucketOf(env),
    scope: `partition ${sdkPartitionOf(env.region)}`,
    explicit: env.stateBucketName !== undefined,
  };
  const table: StateName = {
    key: "lockTableName",
    name: env.lockTableName ?? defaultLockTableName(bucket.name),
    scope: `account ${env.accountId} in ${env.region}`,
    explicit: env.lockTableName !== undefined,
  };
  return [bucket, table];
}

const WHAT = { stateBucketName: "state bucket", lockTableName: "lock table" } as const;
const WHY = {
  stateBucketName: "S3 bucket names are unique in a partition, so two bootstraps cannot both create it",
  lockTableName:
    "DynamoDB table names are unique in an account and region, so two bootstraps cannot both create it",
} as const;

/**
 * Two environments' bootstraps must not create one bucket or one lock table: refused at the later
 * environment's explicit key (or its name, when only the earlier one set the name), naming both.
 */
export function checkSharedStateNames(environments: readonly StateFields[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, { index: number; explicit: boolean }>();
  environments.forEach((env, index) => {
    for (const state of stateNames(env)) {
      const id = `${state.key}\0${state.scope}\0${state.name}`;
      const earlier = seen.get(id);
      if (earlier === undefined) {
        seen.set(id, { index, explicit: state.explicit });
        continue;
      }
      // Two derived names meet only for one name, account and region twice, refused on its own.
      if (!state.explicit && !earlier.explicit) continue;
      const first = earlier.index;
      const other = environments[first];
      const owner = `context.environments.${first} ("${other.name}", account ${other.accountId} in ${other.region})`;
      const what = WHAT[state.key];
      ctx.addIssue({
        code: "custom",
        path: [index, state.explicit ? state.key : "name"],
        message:
          (state.explicit
            ? `is also the ${what} of ${owner}`
            : `derives the ${what} "${state.name}", which ${owner} also names`) +
          ` in ${state.scope}: ${WHY[state.key]}; give each environment its own ${state.key}`,
      });
    }
  });
}
