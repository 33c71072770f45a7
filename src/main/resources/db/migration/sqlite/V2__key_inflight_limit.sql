-- Images a key may have in flight at once; NULL means the server's default (config key max-inflight).
ALTER TABLE api_keys ADD COLUMN max_inflight INTEGER;
