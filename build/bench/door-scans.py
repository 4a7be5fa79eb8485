"""Scans check-in codes at the door in parallel (one keep-alive connection per scanner) and reports scans/s.

usage: door-scans.py URL TOKEN SESSION_ID CODES_FILE SCANNERS
"""
import http.client, json, sys, threading, time, urllib.parse
from collections import Counter

url, token, session, codes_file, scanners = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
codes = [line.strip() for line in open(codes_file) if line.strip()]
target = urllib.parse.urlparse(url)
query = "mutation($input: CheckInAttendeeInput!) { checkInAttendee(input: $input) { checkIn { outcome } errors { code } } }"
outcomes, lock = Counter(), threading.Lock()

def scanner(share):
    connection = http.client.HTTPConnection(target.hostname, target.port)
    for code in share:
        body = json.dumps({"query": query, "variables": {"input": {"sessionId": session, "code": code}}})
        connection.request("POST", "/graphql", body, {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        answer = json.loads(connection.getresponse().read())
        if not answer.get("data"):
            sys.exit(f"scan failed: {answer}")
        payload = answer["data"]["checkInAttendee"]
        outcome = payload["checkIn"]["outcome"] if payload["checkIn"] else payload["errors"][0]["code"]
        with lock:
            outcomes[outcome] += 1

threads = [threading.Thread(target=scanner, args=(codes[i::scanners],)) for i in range(scanners)]
started = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.perf_counter() - started
print(f"{len(codes) / elapsed:.0f} {elapsed:.2f} {dict(outcomes)}")
