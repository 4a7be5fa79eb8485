-- The typical list query of the web front end: a page of workstations with their park.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"query":"{ workstations(first: 20) { nodes { id name level openedOn park { name } } pageInfo { hasNextPage } } }"}'
