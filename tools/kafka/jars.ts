// Apache Kafka's jars, fetched from Maven Central once per machine and cached outside the work tree.
// The cache directory appears in one rename, so a process never sees half a download.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const KAFKA_VERSION = '3.9.1';

/** `$OFFRAMP_CACHE_DIR/kafka-<version>`, or `~/.cache/offramp/kafka-<version>`. */
export function kafkaCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.OFFRAMP_CACHE_DIR || path.join(os.homedir(), '.cache', 'offramp');
  return path.resolve(base, `kafka-${KAFKA_VERSION}`);
}

/** Raised when something the broker needs is missing; the message says what to install or check. */
export class BrokerSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerSetupError';
  }
}

// Kafka's pom leaves out its logging backend; reload4j and its slf4j binding provide one.
const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
 <groupId>offramp.dev</groupId><artifactId>kafka-broker</artifactId><version>1</version><packaging>pom</packaging>
 <dependencies>
  <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
  <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>
  <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
 </dependencies></project>
`;

interface RunResult { code: number | null; output: string; missing: boolean }

export function run(command: string, args: string[], options: { cwd?: string; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!error) return resolve({ code: 0, output, missing: false });
      const errno = (error as NodeJS.ErrnoException).code;
      resolve({ code: typeof error.code === 'number' ? error.code : null, output: output || error.message, missing: errno === 'ENOENT' });
    });
  });
}

/** Fails with an install hint when `java` is not on the PATH. */
export async function requireJava(): Promise<void> {
  const result = await run('java', ['-version'], { timeoutMs: 30_000 });
  if (result.missing) {
    throw new BrokerSetupError('`java` was not found on the PATH. The Kafka broker needs Java 17 or later: install it (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`).');
  }
  if (result.code !== 0) throw new BrokerSetupError(`\`java -version\` failed:\n${tail(result.output)}`);
}

async function isComplete(dir: string): Promise<boolean> {
  try {
    const names = await fs.readdir(path.join(dir, 'libs'));
    return names.some((name) => name.startsWith('kafka_2.13-'));
  } catch {
    return false;
  }
}

/** The folder holding the broker's jars (`<cache>/libs`), downloading them first when needed. */
export async function ensureKafkaJars(cacheDir = kafkaCacheDir(), log: (line: string) => void = () => {}): Promise<string> {
  const libs = path.join(cacheDir, 'libs');
  if (await isComplete(cacheDir)) return libs;

  const parent = path.dirname(cacheDir);
  await fs.mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(cacheDir)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  await fs.mkdir(staging);
  try {
    await fs.writeFile(path.join(staging, 'pom.xml'), POM);
    log(`downloading Apache Kafka ${KAFKA_VERSION} jars from Maven Central into ${cacheDir} (once per machine)`);
    const result = await run('mvn', ['-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${path.join(staging, 'libs')}`], { cwd: staging, timeoutMs: 10 * 60_000 });
    if (result.missing) {
      throw new BrokerSetupError('`mvn` was not found on the PATH. It fetches the Kafka broker\'s jars from Maven Central: install Maven (Debian/Ubuntu: `apt-get install maven`), or set KAFKA_BROKERS to a broker you already run.');
    }
    if (result.code !== 0 || !(await isComplete(staging))) {
      throw new BrokerSetupError(`downloading Kafka ${KAFKA_VERSION} from Maven Central failed (check network access to repo.maven.apache.org, or Maven's proxy settings in ~/.m2/settings.xml):\n${tail(result.output)}`);
    }
    try {
      await fs.rename(staging, cacheDir);
    } catch (error) {
      // Another process finished first: its copy is as good as ours.
      if (!(await isComplete(cacheDir))) throw error;
    }
    return libs;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

export function tail(text: string, lines = 30): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
