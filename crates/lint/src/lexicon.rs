//! Words the rules classify by: who a clause is about (people and teams, or systems and
//! things), and which verbs are people's actions. Lower case throughout.

#[rustfmt::skip]
pub const PERSON_PRONOUNS: &[&str] = &[
    "i", "we", "you", "he", "she", "they", "someone", "somebody", "anyone", "anybody", "nobody",
    "everyone", "everybody", "us", "me", "him", "her", "them",
    // Chat: "u should have checked", "ppl forgot".
    "u", "ppl", "folks", "y'all",
];

/// Nouns for people and the groups they work in.
#[rustfmt::skip]
pub const PERSON_NOUNS: &[&str] = &[
    "pilot", "pilots", "mechanic", "mechanics", "crew", "crews", "personnel", "captain", "driver",
    "technician", "technicians", "dba", "dbas", "sysadmin", "sysadmins", "reviewer's",
    "whoever", "someone's", "nobody's", "engineer", "engineers", "developer", "developers",
    "dev", "devs", "operator", "operators", "on-call", "oncall", "on-caller", "responder",
    "responders", "admin", "admins", "administrator", "administrators", "sre", "sres",
    "reviewer", "reviewers", "author", "authors", "owner", "owners", "person", "people",
    "staff", "member", "members", "lead", "leads", "manager", "managers", "team", "teams",
    // "nobody on the release rota": the people on a schedule.
    "rota", "rotas", "roster",
    "squad", "colleague", "colleagues", "analyst", "analysts", "tester", "testers", "ops",
    "devops", "human", "humans", "individual", "individuals", "commander", "employee",
    "employees", "contractor", "contractors", "vendor", "support", "maintainer", "maintainers",
    "committer", "requester", "approver", "deployer", "architect", "architects", "designer",
    "programmer", "programmers", "everyone", "organisation", "organization", "company",
    "department", "management", "leadership",
    // Aviation, maintenance and other operational reports name their people by role.
    "instructor", "instructors", "student", "students", "trainee", "trainees", "co-pilot", "officer", "officers", "dispatcher", "dispatchers", "inspector", "inspectors",
    "supervisor", "supervisors", "crewmember", "crewmembers", "flightcrew", "hire", "hires",
    "intern", "interns", "expert", "experts", "specialist", "specialists", "coordinator",
    "staffer", "staffers",
    // Health-care, rail and emergency reports name their people by role too.
    "doctor", "doctors", "nurse", "nurses", "clinician", "clinicians", "physician", "physicians",
    "surgeon", "surgeons", "gp", "gps", "midwife", "midwives", "carer", "carers", "caregiver",
    "caregivers", "paramedic", "paramedics", "practitioner", "practitioners", "pharmacist",
    "pharmacists", "conductor", "conductors", "signaller", "signallers", "firefighters",
];

/// Nouns for systems, code and things a clause can be about ("the service simply returned").
#[rustfmt::skip]
pub const SYSTEM_NOUNS: &[&str] = &[
    "mixer", "mixers", "presubmit", "ci", "automation", "process", "pipeline", "scheduler",
    "service", "services", "server", "servers", "cluster", "clusters", "node", "nodes", "pod",
    "pods", "job", "jobs", "cache", "database", "db", "api", "system", "systems", "app",
    "application", "script", "process", "query", "request", "requests", "alert", "alerts",
    "monitor", "monitoring", "dashboard", "graph", "queue", "disk", "network", "proxy",
    "deployment", "pipeline", "config", "configuration", "setup", "tool", "code", "bug",
    "package", "packages", "broker", "station", "stations", "kernel", "daemon", "container",
    "instance", "instances", "worker", "controller", "certificate", "build", "version",
    "release", "change", "patch", "fix", "update", "upgrade", "check", "test", "tests",
    "health", "load", "traffic", "limit", "timeout", "error", "errors", "failover", "backup",
    "idea", "reason", "trendline", "page", "site", "website", "sdk", "client", "library",
    "module", "function", "endpoint", "field", "flag", "feature", "schema", "index", "table",
    "metric", "metrics", "log", "logs", "file", "files", "directory", "image", "it",
    // Artefacts are things too ("the documentation should have mentioned …").
    "documentation", "docs", "doc", "runbook", "runbooks", "playbook", "readme", "manual",
    "guide", "wiki", "changelog", "diff", "commit", "ticket", "email", "message", "notification",
    "announcement", "template", "policy", "procedure", "checklist", "plan", "exporter",
    "kubelet", "autoscaler", "webhook", "replica", "operator-sdk", "cronjob", "workflow",
    "workflows", "actions", "firewall", "router", "switch", "balancer", "agent", "sidecar",
];

/// Verbs only people do: whoever the subject looks like, they mark a person's doing.
#[rustfmt::skip]
pub const PEOPLE_ONLY_VERBS: &[&str] = &[
    "mentioned", "said", "told", "asked", "announced", "communicated", "warned", "escalated",
    "realised", "realized", "known", "thought", "decided", "considered", "understood",
    "remembered", "noticed", "spotted", "double-checked",
];

/// Nouns for a person's or team's activity: "the initial analysis failed to predict".
#[rustfmt::skip]
pub const ACTIVITY_NOUNS: &[&str] = &[
    "analysis", "review", "planning", "investigation", "assessment", "communication",
    "coordination", "handover", "triage", "diagnosis", "response", "effort", "efforts",
    "training", "supervision", "preparation", "escalation", "testing", "decision",
    "decisions", "judgement", "judgment", "follow-up",
];

/// What systems do on their own, as the verb after "just" or "simply": "will simply reject".
#[rustfmt::skip]
pub const SYSTEM_BASE_VERBS: &[&str] = &[
    "reject", "rejects", "return", "returns", "returned", "fail", "fails", "crash", "crashes",
    "drop", "drops", "retry", "retries", "error", "errors", "scan", "scans", "ignore",
    "ignores", "keep", "keeps", "kept", "restart", "restarts", "hang", "hangs", "die", "dies",
    "exit", "exits", "stop", "stops", "work", "works", "go", "goes", "be", "behaving",
    "fallout", "timed", "time", "run", "runs", "ran", "sit", "sits", "sat", "wait", "waits",
];

/// Possessives and determiners that make the next noun a person's or a team's.
pub const PERSON_POSSESSIVES: &[&str] = &["our", "their", "his", "her", "my", "your"];

/// Heads that name a thing, not a person: the clause is about a system.
pub const THING_PRONOUNS: &[&str] = &["it", "this", "that", "these", "those", "which", "what"];

/// Capitalised words that name software, not people (a capitalised head that is not one of
/// these may be a person's name).
#[rustfmt::skip]
pub const TECH_NAMES: &[&str] = &[
    "kubernetes", "k8s", "prometheus", "grafana", "flux", "traefik", "terraform", "aws", "gcp",
    "azure", "eks", "ec2", "s3", "alb", "elb", "nginx", "kafka", "redis", "postgres",
    "postgresql", "mysql", "github", "gitlab", "jenkins", "docker", "helm", "coredns", "dns",
    "kiam", "adfs", "adsync", "cloudwatch", "clickhouse", "posthog", "celery", "django",
    "slack", "pagerduty", "linux", "ubuntu", "node", "nodes", "pod", "pods", "api", "apis",
    "cloudflare", "vercel", "heroku", "sentry", "datadog", "elasticsearch", "opensearch",
    "argo", "argocd", "istio", "envoy", "vault", "consul", "ssl", "tls", "http", "https",
    "cert-manager", "letsencrypt", "route53", "rds", "iam", "vpc", "lambda", "sqs", "sns",
    // Languages, operating systems and desktop software: "it's Rust's fault" is a thing's.
    "rust", "python", "java", "javascript", "typescript", "php", "perl", "golang", "windows",
    "macos", "android", "ios", "chrome", "firefox", "safari", "gnome", "kde", "nautilus",
    "debian", "fedora", "xorg", "systemd", "bash", "npm", "cargo", "pip", "defender",
];

/// Common words that start sentences with a capital: never a person's name.
#[rustfmt::skip]
pub const COMMON_WORDS: &[&str] = &[
    "the", "this", "that", "these", "those", "it", "its", "a", "an", "our", "their", "there",
    "here", "then", "now", "when", "if", "once", "after", "before", "during", "in", "on", "at",
    "as", "because", "since", "while", "although", "however", "also", "both", "all", "some",
    "any", "no", "each", "every", "one", "two", "nothing", "everything", "something", "ideally",
    "had", "with", "without", "for", "to", "from", "by", "of", "but", "and", "or", "so",
];

/// Verbs (as participles, past or base forms) for what people do: check, notice, decide.
#[rustfmt::skip]
pub const HUMAN_VERBS: &[&str] = &[
    "helped", "help", "led", "lead", "noticed", "notice", "checked", "check", "tested", "test",
    "verified", "verify", "reviewed", "review", "asked", "ask", "escalated", "escalate",
    "communicated", "communicate", "informed", "inform", "told", "tell", "known", "knew",
    "know", "realised", "realized", "realise", "realize", "caught", "catch", "spotted", "spot",
    "read", "followed", "follow", "looked", "look", "investigated", "investigate", "rolled",
    "roll", "reverted", "revert", "paged", "page", "called", "call", "waited", "wait",
    "stopped", "stop", "cancelled", "canceled", "cancel", "updated", "update", "applied",
    "apply", "run", "ran", "done", "did", "do", "acted", "act", "responded", "respond",
    "monitored", "monitor", "considered", "consider", "validated", "validate", "double-checked",
    "confirmed", "confirm", "seen", "saw", "see", "thought", "think", "understood",
    "understand", "anticipated", "anticipate", "planned", "plan", "documented", "document",
    "prioritised", "prioritized", "raised", "raise", "flagged", "flag", "reported", "report",
    "contacted", "contact", "involved", "involve", "pinned", "pin", "deployed", "deploy",
    "merged", "merge", "approved", "approve", "pushed", "push", "released", "release",
    "configured", "configure", "set", "changed", "change", "used", "use", "chosen", "chose",
    "choose", "decided", "decide", "recognised", "recognized", "recognise", "recognize",
    "identified", "identify", "avoided", "avoid", "prevented", "prevent", "acknowledged",
    "acknowledge", "handled", "handle", "tried", "try", "made", "make", "taken", "took", "take",
    "given", "gave", "give", "written", "wrote", "write", "added", "add", "removed", "remove",
    "restarted", "restart", "killed", "kill", "scaled", "scale", "upgraded", "upgrade",
    "rotated", "rotate", "renewed", "renew", "coordinated", "coordinate", "declared", "declare",
    "gone", "went", "go", "put", "kept", "keep", "paid", "pay", "spent", "spend", "ensured",
    "ensure", "questioned", "question", "insisted", "insist", "pushed", "listened", "listen",
    "warned", "warn", "alerted", "notified", "notify", "consulted", "consult", "announced",
    "announce", "stepped", "step", "switched", "switch", "disabled", "disable", "enabled",
    "enable", "read", "opened", "open", "closed", "close", "picked", "pick", "joined", "join",
    "shared", "share", "researched", "prepared", "prepare", "educated", "trained", "learned",
    "learnt", "learn", "practised", "practiced", "reached", "reach", "performed", "perform",
    "executed", "execute", "built", "build", "designed", "design", "implemented", "implement",
    "introduced", "introduce", "caught", "detected", "detect", "double-checked", "gotten",
    "got", "get", "had", "have", "missed", "miss", "forgotten", "forgot", "forget", "ignored",
    "ignore", "skipped", "skip", "rushed", "rush", "started", "start", "finished", "finish",
    "completed", "complete",
    // Checking, comparing and briefing, the work of crews and reviewers: "failing to compare
    // the route", "failure to discuss job completion", "the PF's failure to cross-check".
    "compare", "compared", "discuss", "discussed", "brief", "briefed", "inspect", "inspected",
    "cross-check", "cross-checked", "double-check", "audit", "audited", "mention",
    "mentioned", "prioritise", "prioritize", "patch", "patched", "harden", "hardened",
];

/// Verbs (as participles or past forms) for what systems and events do on their own.
#[rustfmt::skip]
pub const SYSTEM_VERBS: &[&str] = &[
    "expired", "fired", "triggered", "worked", "returned", "timed", "retried", "recovered",
    "happened", "occurred", "propagated", "crashed", "failed", "succeeded", "behaved",
    "responded", "served", "errored", "exceeded", "hit", "reached", "broken", "broke", "held",
    "lasted", "continued", "resolved", "self-healed", "healed", "degraded", "saturated",
    "overflowed", "exhausted", "leaked", "spiked", "dropped", "failed over", "rebooted",
    "evicted", "throttled", "blocked", "fallen", "fell", "been", "be", "become", "became",
    "existed", "matched", "pointed", "routed", "resolved", "cached", "synced", "replicated",
    "shown", "showed", "displayed", "logged", "emitted", "sent", "received", "compiled",
    "loaded", "booted", "rendered", "returned", "stayed", "remained", "kept", "appeared",
];

/// Passives that hide a person: "should have been caught", "could have been avoided".
#[rustfmt::skip]
pub const HUMAN_PASSIVES: &[&str] = &[
    "rushed", "synced", "merged", "overlooked", "missed", "ignored", "caught", "noticed",
    "spotted", "tested", "reviewed", "checked", "verified", "communicated", "escalated",
    "raised", "flagged", "reported", "considered", "documented", "announced", "informed",
    "notified", "told", "paged", "consulted", "involved", "followed", "done", "handled",
    "avoided", "prevented", "detected", "identified", "anticipated", "planned", "validated",
    "double-checked", "questioned", "investigated", "addressed", "prioritised", "prioritized",
    "acted", "picked", "fixed", "rolled", "reverted", "cherry-picked", "backported",
    // "should never have been approved / deployed": someone approved or deployed it.
    "approved", "deployed", "shipped", "authorised", "authorized", "signed",
];

/// Words that, straight after "just", "simply" or "merely", make it mean "only, exactly" about
/// an amount or a moment, not "it was easy".
#[rustfmt::skip]
pub const QUANTITY_WORDS: &[&str] = &[
    "got", "yet", "because", "in", "ago", "a", "an", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "few", "several", "under", "over", "after",
    "before", "about", "around", "as", "in", "on", "at", "enough", "now", "then", "because",
    "like", "minutes", "minute", "seconds", "second", "hours", "hour", "days", "day", "weeks",
    "week", "once", "twice", "below", "above", "shy", "short", "barely", "the", "this", "that",
    "these", "those", "how", "what", "when", "where", "why", "for", "to", "by", "another",
    "some", "part", "ahead", "prior", "past", "started", "released", "recently", "been", "gone",
    "finished", "completed", "happened", "arrived", "begun", "moved", "added", "one-off",
    "less", "more", "fine", "ok", "okay", "right", "in-time", "slightly", "far", "too", "so",
    "very", "noise", "cosmetic", "temporary",
    // "just managed to restore", "just missed the release": barely, not easily.
    "managed", "missed", "scraped", "squeezed", "avoided",
];

/// People who feel an outage rather than act in it: "Customers should have seen the banner"
/// is an expectation about them, and at the start of a sentence their capital does not make
/// them a person's name.
#[rustfmt::skip]
pub const AFFECTED_PEOPLE: &[&str] = &[
    "customers", "customer", "users", "user", "clients", "visitors", "subscribers", "callers",
    "consumers", "viewers", "tenants", "merchants", "shoppers", "players",
];
