import { type Copy, DockerfileParser, type Env, type From } from "dockerfile-ast";

export interface CopyStep {
  /** The stage copied from; unset for the build context. */
  from: string | undefined;
  sources: string[];
  destination: string;
}

/** One `FROM … AS name` stage, as far as laying out its file system needs it. */
export interface Stage {
  name: string | undefined;
  image: string;
  /** Each RUN's command with the WORKDIR in force when it runs. */
  runs: { command: string; workdir: string }[];
  copies: (CopyStep & { workdir: string })[];
  env: Record<string, string>;
  workdir: string;
  user: string | undefined;
  cmd: string[] | undefined;
  healthcheck: string[] | undefined;
}

const execForm = (text: string): string[] => JSON.parse(text) as string[];

/** The stages of a Dockerfile, parsed with `dockerfile-ast` (the parser of VS Code's Docker support). */
export function readDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "FROM") {
      const from = instruction as From;
      stages.push({
        name: from.getBuildStage() ?? undefined,
        image: from.getImage() ?? "",
        runs: [],
        copies: [],
        env: {},
        workdir: "/",
        user: undefined,
        cmd: undefined,
        healthcheck: undefined,
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before FROM`);
    const args = instruction.getArguments().map((argument) => argument.getValue());
    switch (keyword) {
      case "WORKDIR":
        stage.workdir = args[0]?.startsWith("/") ? args[0] : `${stage.workdir}/${args[0]}`;
        break;
      case "RUN":
        stage.runs.push({ command: instruction.getArgumentsContent() ?? "", workdir: stage.workdir });
        break;
      case "COPY": {
        const paths = args.filter((argument) => !argument.startsWith("--"));
        const from = (instruction as Copy).getFlags().find((flag) => flag.getName() === "from");
        stage.copies.push({
          from: from?.getValue() ?? undefined,
          sources: paths.slice(0, -1),
          destination: paths.at(-1) ?? "",
          workdir: stage.workdir,
        });
        break;
      }
      case "ENV":
        for (const property of (instruction as Env).getProperties()) {
          stage.env[property.getName()] = property.getValue() ?? "";
        }
        break;
      case "USER":
        stage.user = args[0];
        break;
      case "CMD":
        stage.cmd = execForm(instruction.getRawArgumentsContent() ?? "");
        break;
      case "HEALTHCHECK": {
        const raw = instruction.getRawArgumentsContent() ?? "";
        const cmd = raw.indexOf("CMD ");
        stage.healthcheck = cmd === -1 ? undefined : execForm(raw.slice(cmd + 4));
        break;
      }
    }
  }
  return stages;
}
