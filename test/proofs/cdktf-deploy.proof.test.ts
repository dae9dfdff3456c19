import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT, shippedContext, temporaryProject } from "../deployable/temp-project";
import { awsDescribe, startLocalAws, unsignedAuthorization, type LocalAws } from "../support/local-aws";

/**
 * `cdktf deploy` as a user runs it (#20), against the local AWS with the real provider: bootstrap,
 * then the provisioner with its S3 backend in the bucket the bootstrap created, with no command and
 * no edit between the two; `cdktf diff` shows no changes; the provisioner is destroyed. Two
 * environments in two accounts and regions at once (lock files in one, a DynamoDB table in the
 * other); afterwards each account holds only its own bucket, and each state only its own stack.
 */
interface Environment {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly lockMode: "lockfile" | "dynamodb";
}
const ENVIRONMENTS: readonly Environment[] = [
  { name: "alpha", accountId: "123456789012", region: "eu-west-1", lockMode: "lockfile" },
  { name: "beta", accountId: "210987654321", region: "us-east-1", lockMode: "dynamodb" },
];
const stackOf = (kind: string, env: Environment) => `${kind}-${env.name}-${env.accountId}-${env.region}`;
const bucketOf = (env: Environment) => `${env.name}-state-${env.accountId}-${env.region}`;

/**
 * With a filesystem mirror and no registry, cdktf's `terraform providers lock -platform=linux_amd64`
 * after init fails; the flag skips it (README "Deploying").
 */
const OFFLINE = ["--skip-provider-lock"];
const CDKTF = join(PROJECT_ROOT, "node_modules", ".bin", "cdktf");
const progress = (line: string) => process.stderr.write(`[cdktf deploy proof] ${line}\n`);

interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** Runs the real cdktf CLI asynchronously (environments run side by side), never prompting. */
function cdktf(dir: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(CDKTF, [...args, "--no-color"], {
      cwd: dir,
      env: { ...env, FORCE_COLOR: "0", CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (status) => resolve({ status, output }));
  });
}

/** A git repository holding this checkout's modules-out at the tag module-versions.json names. */
function publishedRepository(): string {
  const repo = mkdtempSync(join(tmpdir(), "stm-deploy-repo-"));
  cpSync(join(PROJECT_ROOT, "modules-out"), join(repo, "modules-out"), { recursive: true });
  const git = (...args: string[]) =>
    spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "release");
  git("tag", "min-provisioner-v1.0.0");
  return repo;
}

/** Access keys of the environment's account: moto puts a request in the account whose IAM holds its key. */
async function accountKeys(aws: LocalAws, env: Environment): Promise<Record<string, string>> {
  if (env.accountId === "123456789012") return { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" };
  const key = await aws.accessKeyIn(env.accountId);
  return { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret };
}

/** The buckets an account sees: S3 ListBuckets with its keys (moto reads the account from the key). */
async function bucketsOf(aws: LocalAws, keys: Record<string, string>): Promise<string[]> {
  const { body } = await aws.request("/", {
    headers: {
      authorization: unsignedAuthorization(keys.AWS_ACCESS_KEY_ID, "s3"),
    },
  });
  return [...body.matchAll(/<Name>([^<]+)<\/Name>/g)].map((match) => match[1]);
}

/** The object keys of a bucket, listed with the account's keys. */
async function objectsOf(aws: LocalAws, keys: Record<string, string>, bucket: string): Promise<string[]> {
  const { body } = await aws.request(`/${bucket}?list-type=2`, {
    headers: {
      authorization: unsignedAuthorization(keys.AWS_ACCESS_KEY_ID, "s3"),
    },
  });
  return [...body.matchAll(/<Key>([^<]+)<\/Key>/g)].map((match) => match[1]);
}

awsDescribe("cdktf deploy: bootstrap, then provisioner, against the local AWS", () => {
  let aws: LocalAws;
  let repo: string;
  const projects: string[] = [];
  beforeAll(async () => {
    // HTTPS, as the state bucket's policy requires; moto's bucket-policy check ignores Conditions, so it
    // is off (its deny without TLS would refuse every call): iam-simulate, not moto, judges policies.
    aws = await startLocalAws({ tls: true, bucketPolicies: false });
    repo = publishedRepository();
  });
  afterAll(async () => {
    await aws.stop();
    for (const dir of [repo, ...projects]) rmSync(dir, { recursive: true, force: true });
  });

  /** One environment's whole path, in its own copy of the project (cdktf.out is per project). */
  async function deployPath(env: Environment): Promise<{ keys: Record<string, string>; log: string[] }> {
    const keys = await accountKeys(aws, env);
    const project = temporaryProject({
      ...shippedContext(),
      repositoryUrl: `file://${repo}`,
      environments: ENVIRONMENTS.map((e) => ({
        name: e.name,
        accountId: e.accountId,
        region: e.region,
        lockMode: e.lockMode,
        trustedPrincipalArns: [`arn:aws:iam::${e.accountId}:root`],
      })),
    });
    projects.push(project);
    const shell = aws.terraformEnv({ ...keys, AWS_REGION: env.region, AWS_DEFAULT_REGION: env.region });
    const log: string[] = [];
    const step = async (what: string, args: string[]): Promise<Run> => {
      const started = Date.now();
      const run = await cdktf(project, args, shell);
      progress(
        `${env.name}: ${what} exited ${run.status} after ${Math.round((Date.now() - started) / 1000)} s`,
      );
      log.push(`$ cdktf ${args.join(" ")}\n${run.output}`);
      if (run.status !== 0)
        throw new Error(`${env.name}: cdktf ${args.join(" ")} failed:\n${run.output.slice(-3000)}`);
      return run;
    };
    await step("deploy bootstrap", ["deploy", stackOf("bootstrap", env), "--auto-approve", ...OFFLINE]);
    expect(existsSync(join(project, `terraform.${stackOf("bootstrap", env)}.tfstate`))).toBe(true);
    // No command and no edit: the next synth reads the key from the bootstrap's state.
    await step("deploy provisioner", ["deploy", stackOf("provisioner", env), "--auto-approve", ...OFFLINE]);
    // Its state went into the bucket the bootstrap created, under the environment's prefix.
    expect(await objectsOf(aws, keys, bucketOf(env))).toContain(
      `${env.name}/v1/provisioner/terraform.tfstate`,
    );
    const diff = await step("diff provisioner", ["diff", stackOf("provisioner", env), ...OFFLINE]);
    expect(diff.output).toMatch(/No changes/);
    await step("destroy provisioner", ["destroy", stackOf("provisioner", env), "--auto-approve", ...OFFLINE]);
    return { keys, log };
  }

  test("both environments at once: deploy, no diff, destroy; neither touches the other's account", async () => {
    const [alpha, beta] = await Promise.all(ENVIRONMENTS.map(deployPath));
    expect(await bucketsOf(aws, alpha.keys)).toEqual([bucketOf(ENVIRONMENTS[0])]);
    expect(await bucketsOf(aws, beta.keys)).toEqual([bucketOf(ENVIRONMENTS[1])]);
  }, 900_000);
});
