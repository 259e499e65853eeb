#!/usr/bin/env python3
"""A local stand-in for the few GitLab API v4 endpoints ci/gitlab-laneguard.yml calls, for
tests/ci_gitlab_local_test.sh. Serves on 127.0.0.1 (port chosen by the OS, written to PORT_FILE)
and stops by itself after LIFETIME seconds.

    gitlab_api_standin.py DIR PORT_FILE LIFETIME

DIR holds project.json ({"id": 3, "iid": 7} names the one merge request that exists),
mr.json and approvals.json (served as they are), and notes.json (the merge request's notes, kept
up to date as the job posts and edits them). Every request is appended to DIR/requests.log as
"METHOD PATH". Requests without a PRIVATE-TOKEN header get 401, other projects and merge requests 404.
"""
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR, PORT_FILE, LIFETIME = sys.argv[1], sys.argv[2], float(sys.argv[3])
ME = {"id": 42, "username": "laneguard-bot", "name": "laneguard bot", "state": "active"}


def load(name, default=None):
    path = os.path.join(DIR, name)
    return json.load(open(path)) if os.path.exists(path) else default


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        length = int(self.headers.get("Content-Length", 0))
        return urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)

    def route(self, method):
        url = urllib.parse.urlparse(self.path)
        with open(os.path.join(DIR, "requests.log"), "a") as log:
            log.write(f"{method} {url.path}\n")
        if not self.headers.get("PRIVATE-TOKEN"):
            return self.reply(401, {"message": "401 Unauthorized"})
        parts = url.path.strip("/").split("/")
        if parts[:2] != ["api", "v4"]:
            return self.reply(404, {"message": "404 Not Found"})
        parts = parts[2:]
        if parts == ["user"] and method == "GET":
            return self.reply(200, ME)
        project = load("project.json")
        prefix = ["projects", str(project["id"]), "merge_requests", str(project["iid"])]
        if parts[:4] != prefix:
            return self.reply(404, {"message": "404 Project Not Found"})
        rest = parts[4:]
        notes = load("notes.json", [])
        if rest == [] and method == "GET":
            return self.reply(200, load("mr.json"))
        if rest == ["approvals"] and method == "GET":
            return self.reply(200, load("approvals.json"))
        if rest == ["notes"] and method == "GET":
            return self.reply(200, notes)
        if rest == ["notes"] and method == "POST":
            note = {"id": 1000 + len(notes), "body": self.form().get("body", [""])[0], "author": ME, "system": False}
            notes.append(note)
            json.dump(notes, open(os.path.join(DIR, "notes.json"), "w"))
            return self.reply(201, note)
        if len(rest) == 2 and rest[0] == "notes" and method == "PUT":
            for note in notes:
                if str(note["id"]) == rest[1]:
                    if note["author"]["id"] != ME["id"]:
                        return self.reply(403, {"message": "403 Forbidden"})
                    note["body"] = self.form().get("body", [""])[0]
                    json.dump(notes, open(os.path.join(DIR, "notes.json"), "w"))
                    return self.reply(200, note)
            return self.reply(404, {"message": "404 Note Not Found"})
        return self.reply(404, {"message": "404 Not Found"})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
threading.Timer(LIFETIME, server.shutdown).start()
server.serve_forever()
