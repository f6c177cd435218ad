-- ACC-5: the Terms version in force at launch. Later versions are published by admins.
INSERT INTO "terms_versions" ("version", "published_at", "url")
VALUES ('2026-11', '2026-11-01T00:00:00Z', '/terms/2026-11')
ON CONFLICT DO NOTHING;
