// Calls every operation of the service through a client generated from the committed spec
// (openapi-typescript types, openapi-fetch calls), so `tsc --strict` checks the spec's shapes
// against how a front end uses them, and the run checks them against the live server.
import createClient from "openapi-fetch";
import type { components, paths } from "./api";

declare const process: { argv: string[]; exit(code: number): never };

const base = process.argv[2] ?? "http://127.0.0.1:8080";
const api = createClient<paths>({ baseUrl: base });
const failures: string[] = [];
let checks = 0;

function check(condition: boolean, what: string): void {
  checks += 1;
  if (!condition) failures.push(what);
}

type Problem = components["schemas"]["ProblemDetails"];

function isProblem(error: Problem | undefined, status: number, code: Problem["code"]): boolean {
  return error !== undefined && error.status === status && error.code === code;
}

async function service(): Promise<void> {
  const index = await api.GET("/");
  check(index.data?.links.some((link) => link.href === "/v1/formats") ?? false, "index links formats");
  const meta = await api.GET("/v1/meta");
  check((meta.data?.counts.questions ?? 0) >= 120, "meta counts questions");
  check((await api.GET("/healthz")).data?.status === "ok", "healthz");
  check((await api.GET("/readyz")).data?.status === "ready", "readyz");
  const spec = await api.GET("/openapi.json");
  check(spec.response.status === 200, "openapi.json");
  const metrics = await api.GET("/metrics", { parseAs: "text" });
  check(typeof metrics.data === "string" && metrics.data.includes("content_items"), "metrics");
}

async function collections(): Promise<void> {
  const stages = await api.GET("/v1/stages", { params: { query: { limit: 10 } } });
  const stage = stages.data?.items[0];
  check(stage !== undefined && stage.order >= 1, "stages list");
  if (stage) check((await api.GET("/v1/stages/{id}", { params: { path: { id: stage.id } } })).data?.name === stage.name, "one stage");
  const kit = await api.GET("/v1/stages/{id}/kit", { params: { path: { id: "second-interview" }, query: { occupation: "15-1252.00" } } });
  check((kit.data?.questions.interviewer.length ?? 0) > 0 && (kit.data?.formats.length ?? 0) > 0, "kit for an occupation");
  const outcome = await api.GET("/v1/outcomes/{id}", { params: { path: { id: "job-offer" } } });
  check(Array.isArray(outcome.data?.editorial_next_steps), "one outcome");
  check((await api.GET("/v1/outcomes")).data?.total === 4, "outcomes list");
  const tips = await api.GET("/v1/tips", { params: { query: { phase: "before", role_family: "engineering" } } });
  check((tips.data?.items ?? []).every((tip) => tip.phase === "before"), "tips filtered");
  check((await api.GET("/v1/tips/{id}", { params: { path: { id: "use-star-method" } } })).data?.origin !== undefined, "one tip");
  const questions = await api.GET("/v1/questions", {
    params: { query: { asked_by: "interviewer", category: "behavioural", order: "random", seed: 42, limit: 5 } },
  });
  const answer = questions.data?.items[0]?.example_answer;
  check(answer !== undefined && answer !== null && answer.situation.length > 0, "questions with example answers");
  check((await api.GET("/v1/questions/{id}", { params: { path: { id: "tell-us-about-yourself" } } })).data?.asked_by === "interviewer", "one question");
  check(((await api.GET("/v1/templates")).data?.total ?? 0) >= 13, "templates list");
  const template = await api.GET("/v1/templates/{id}", { params: { path: { id: "thank-you-after-second-interview" } } });
  check((template.data?.variables.length ?? 0) > 0, "one template");
  check(((await api.GET("/v1/formats")).data?.total ?? 0) >= 10, "formats list");
  check((await api.GET("/v1/formats/{id}", { params: { path: { id: "panel" } } })).data?.how_to_prepare.length !== 0, "one format");
  check((await api.GET("/v1/role-families")).data?.total === 15, "role families list");
  check((await api.GET("/v1/role-families/{id}", { params: { path: { id: "sales" } } })).data?.name === "Sales", "one role family");
  check(((await api.GET("/v1/sources")).data?.total ?? 0) >= 4, "sources list");
  const source = await api.GET("/v1/sources/{id}", { params: { path: { id: "career-karma-second-interview" } } });
  check(source.data?.kind === "guide" && source.data.title === undefined, "a source without a title");
}

async function computed(): Promise<void> {
  const odds = await api.GET("/v1/odds", { params: { query: { finalists: 4 } } });
  check(odds.data?.point === 0.25 && odds.data.pool === null && odds.data.summary.startsWith("About 1 in 4"), "odds point");
  const range = await api.GET("/v1/odds", { params: { query: { seniority: "senior" } } });
  check(range.data?.point === null && typeof range.data.reading === "string", "odds range");
  const plan = await api.GET("/v1/plan", { params: { query: { interview_date: "2026-12-01" } } });
  // The operation also answers text/calendar, so the body is typed as either: narrow to JSON.
  const planJson = typeof plan.data === "object" ? plan.data : undefined;
  check((planJson?.steps.length ?? 0) > 0 && planJson?.decision_basis === "editorial-default", "plan as JSON");
  const search = await api.GET("/v1/search", { params: { query: { q: "negotia", role_family: "sales" } } });
  check((search.data?.items.length ?? 0) > 0 && search.data?.counts !== undefined, "search");
  const resolved = await api.GET("/v1/occupations/resolve", { params: { query: { code: "15-1252.00" } } });
  check(resolved.data?.matched_by === "soc" && resolved.data.matched === "15-1250", "resolve a code");
  const title = await api.GET("/v1/occupations/resolve", { params: { query: { job_title: "Astronaut" } } });
  check(title.data?.matched_by === "nothing" && title.data.matched === null, "resolve an unknown title");
  const render = await api.POST("/v1/templates/{id}/render", {
    params: { path: { id: "thank-you-after-second-interview" } },
    body: {
      variables: {
        interviewer_name: "Dana Whitfield",
        job_title: "Senior Data Analyst",
        company_name: "Northwind Logistics",
        specific_topic: "route forecasting",
        candidate_name: "Jordan Lee",
      },
    },
  });
  // The operation also answers message/rfc822: narrow to the JSON body, then to one email.
  const email = typeof render.data === "object" && "subject" in render.data ? render.data : undefined;
  check(email !== undefined && email.mailto.startsWith("mailto:"), "render");
}

async function errors(): Promise<void> {
  const missing = await api.GET("/v1/tips/{id}", { params: { path: { id: "use-star-methd" } } });
  check(isProblem(missing.error, 404, "not_found") && (missing.error?.suggestions ?? []).includes("use-star-method"), "404 with suggestions");
  const bad = await api.GET("/v1/odds", { params: { query: { finalists: 3, openings: 3 } } });
  check(isProblem(bad.error, 400, "invalid_query") && bad.error?.errors?.[0]?.field === "openings", "400 naming openings");
  const code = await api.GET("/v1/questions", { params: { query: { occupation: "99-9999" } } });
  check(isProblem(code.error, 404, "not_found"), "404 for an occupation code in no group");
  const unrendered = await api.POST("/v1/templates/{id}/render", {
    params: { path: { id: "thank-you-after-second-interview" } },
    body: { variables: {} },
  });
  check(isProblem(unrendered.error, 422, "validation_failed"), "422 naming missing variables");
  const refused = await api.GET("/v1/plan", {
    params: { query: { interview_date: "2026-12-01" } },
    headers: { Accept: "image/png" },
  });
  check(isProblem(refused.error, 406, "not_acceptable"), "406 for an unacceptable Accept");
}

await service();
await collections();
await computed();
await errors();
console.log(`typed client: ${checks - failures.length} of ${checks} checks passed`);
for (const failure of failures) console.log(`  failed: ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);
