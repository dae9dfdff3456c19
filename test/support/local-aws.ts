import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  findMotoServer,
  LOCAL_AWS_REQUIRED_ON_CI,
  missingForLocalAws,
  NEEDS_LOCAL_AWS,
  PROVIDER_MIRROR,
} from "./find-local-aws";
import { terraformEnv } from "./terraform";

export { findMotoServer, missingForLocalAws, NEEDS_LOCAL_AWS, PROVIDER_MIRROR } from "./find-local-aws";

/**
 * The local AWS of the proofs: moto's server on 127.0.0.1 at a free port, started and stopped by
 * the test that needs it, and the real hashicorp/aws provider from the filesystem mirror.
 *
 * Usage:
 *   awsDescribe("state-backend applied", () => {
 *     let aws: LocalAws;
 *     beforeAll(async () => (aws = await startLocalAws()));
 *     afterAll(() => aws.stop());
 *     test("...", () => { spawnSync("terraform", [...], { env: aws.terraformEnv() }) });
 *   });
 *
 * Without moto_server, terraform or the mirror, `awsTest`/`awsDescribe` register real jest skips
 * whose names end in NEEDS_LOCAL_AWS (counted by the skip reporter); on CI the proofs' global
 * setup fails the run with LOCAL_AWS_REQUIRED_ON_CI instead.
 */

type Register = (name: string, fn: never, timeout?: number) => void;
const skipNamed =
  (register: Register): Register =>
  (name, fn, timeout) =>
    register(`${name}${NEEDS_LOCAL_AWS}`, fn, timeout);

/** A test that needs the local AWS (skipped, and counted, without it). */
export const awsTest: (name: string, fn: jest.ProvidesCallback, timeout?: number) => void =
  missingForLocalAws() ? (skipNamed(test.skip as unknown as Register) as unknown as typeof test) : test;

/** A describe block whose tests need the local AWS (skipped, and counted, without it). */
export const awsDescribe: (name: string, fn: jest.EmptyFunction) => void = missingForLocalAws()
  ? (skipNamed(describe.skip as unknown as Register) as unknown as typeof describe)
  : describe;

/** A CLI configuration that installs hashicorp/aws from the mirror only (written once per process). */
export function providerCliConfig(): string {
  const dir = join(tmpdir(), `secure-tf-cli-${process.pid}`);
  const file = join(dir, "mirror.tfrc");
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const mirror = JSON.stringify(PROVIDER_MIRROR);
  writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path = ${mirror}\n  }\n}\n`);
  return file;
}

export interface LocalAws {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** The environment for terraform (and the cdktf CLI) against this AWS, with the mirror's CLI config. */
  terraformEnv(extra?: Readonly<Record<string, string>>): NodeJS.ProcessEnv;
  /** Stops the server (idempotent). */
  stop(): Promise<void>;
  /** One request to the server (trusting its certificate): status and body. */
  request(path: string, init?: LocalAwsRequest): Promise<{ status: number; body: string }>;
  /** An IAM user's access key in `account`: moto puts a request in the account whose IAM holds its key. */
  accessKeyIn(account: string): Promise<{ id: string; secret: string }>;
}

/** The Authorization header moto reads the access key (so the account) and service from; unsigned. */
export const unsignedAuthorization = (accessKey: string, service: string): string =>
  `AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

/** Creates a user and its access key in `account` (moto: `x-moto-account-id` on the IAM calls). */
async function createAccessKey(
  request: LocalAws["request"],
  account: string,
): Promise<{ id: string; secret: string }> {
  const call = async (action: string) =>
    (
      await request("/", {
        method: "POST",
        headers: {
          "x-moto-account-id": account,
          authorization: unsignedAuthorization("admin", "iam"),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: `Action=${action}&UserName=deployer&Version=2010-05-08`,
      })
    ).body;
  await call("CreateUser");
  const xml = await call("CreateAccessKey");
  const id = /<AccessKeyId>([^<]+)/.exec(xml)?.[1];
  const secret = /<SecretAccessKey>([^<]+)/.exec(xml)?.[1];
  if (!id || !secret) throw new Error(`moto did not create an access key in ${account}: ${xml}`);
  return { id, secret };
}

export interface LocalAwsRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A self-signed certificate for 127.0.0.1 (openssl), in a fresh folder. */
function loopbackCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  const made = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"].concat([
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      cert,
    ]),
    { encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a loopback certificate: ${made.stderr}`);
  return { cert, key };
}

/** A request over http or https (trusting `ca`), never throwing on a status. */
function requestText(
  url: string,
  init: LocalAwsRequest,
  ca: string | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = send(
      url,
      { method: init.method ?? "GET", headers: init.headers, ...(ca ? { ca } : {}) },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

export interface LocalAwsOptions {
  /** Load AWS managed IAM policies (`MOTO_IAM_LOAD_MANAGED_POLICIES`); slower start. */
  readonly managedPolicies?: boolean;
  /** Region terraform and the SDK default to. */
  readonly region?: string;
  /**
   * Serve HTTPS with a certificate made for 127.0.0.1 (clients trust it through AWS_CA_BUNDLE): a
   * bucket policy that denies requests without TLS (the state bucket's) is enforced by moto.
   */
  readonly tls?: boolean;
  /**
   * moto 5.2.1 enforces bucket policies but ignores their Conditions ("Conditions are not taken into
   * account", moto/s3/models.py put_bucket_policy), so the state bucket's deny of requests without
   * TLS denies every object call. `false` turns that enforcement off in the server process: moto is
   * never the judge of a policy (iam-simulate and the enforcing proxy are). @default true
   */
  readonly bucketPolicies?: boolean;
}

/** Starts moto's server with its (condition-blind) bucket-policy check patched to neutral. */
const MOTO_WITHOUT_BUCKET_POLICIES = [
  "import sys",
  "from moto.iam.access_control import PermissionResult",
  "from moto.s3.models import FakeBucket",
  "FakeBucket.get_permission = lambda self, action, resource: PermissionResult.NEUTRAL",
  "from moto.server import main",
  "main(sys.argv[1:])",
].join("\n");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(
  endpoint: string,
  ca: string | undefined,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${log()}`);
    try {
      if ((await requestText(`${endpoint}/moto-api/`, {}, ca)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer at ${endpoint} within 30 s: ${log()}`);
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const moto = findMotoServer();
  if (!moto) throw new Error(LOCAL_AWS_REQUIRED_ON_CI);
  const port = await freePort();
  const endpoint = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.managedPolicies) env.MOTO_IAM_LOAD_MANAGED_POLICIES = "true";
  // moto's log goes to a file, never a pipe: a test blocked in spawnSync (terraform) cannot drain a
  // pipe, and a full pipe stops moto from answering.
  const logDir = mkdtempSync(join(tmpdir(), "moto-log-"));
  const logFile = join(logDir, "moto.log");
  const logFd = openSync(logFile, "w");
  const tls = options.tls ? loopbackCertificate(logDir) : undefined;
  const ca = tls ? readFileSync(tls.cert, "utf8") : undefined;
  const tlsArgs = tls ? ["-c", tls.cert, "-k", tls.key] : [];
  const serverArgs = ["-H", "127.0.0.1", "-p", String(port), ...tlsArgs];
  // The python that runs moto_server is the one on PATH next to it (pyenv, a venv or the system's).
  const [command, args] =
    options.bucketPolicies === false
      ? ["python3", ["-c", MOTO_WITHOUT_BUCKET_POLICIES, ...serverArgs]]
      : [moto, serverArgs];
  const child = spawn(command, args, {
    env,
    stdio: ["ignore", logFd, logFd],
  });
  closeSync(logFd);
  const tail = (): string => (existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-4000) : "");
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(endpoint, ca, child, tail);
  } catch (error) {
    await stop();
    throw error;
  }
  const region = options.region ?? "eu-west-1";
  return {
    endpoint,
    port,
    stop,
    request: (path, init = {}) => requestText(`${endpoint}${path}`, init, ca),
    accessKeyIn: (account) =>
      createAccessKey((path, init) => requestText(`${endpoint}${path}`, init ?? {}, ca), account),
    terraformEnv: (extra = {}) => ({
      ...terraformEnv(),
      TF_CLI_CONFIG_FILE: providerCliConfig(),
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_EC2_METADATA_DISABLED: "true",
      ...(tls ? { AWS_CA_BUNDLE: tls.cert } : {}),
      ...extra,
    }),
  };
}
