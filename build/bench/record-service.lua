-- recordService for one workstation, the mutation whose event the Workstations statistics subscriber counts.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"query":"mutation($input: RecordServiceInput!) { recordService(input: $input) { errors { code } } }","variables":{"input":{"workstationId":"' .. os.getenv("WORKSTATION") .. '","kind":"CONSULTATION","occurredOn":"2025-06-10","topic":"Benchmark consultation"}}}'
