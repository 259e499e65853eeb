#!/usr/bin/env python3
"""Runs a composite action's steps the way a GitHub Actions runner does, for tests/ci_action_test.sh.

    action_runner.py ACTION_YML [--with NAME=VALUE]... [--outputs FILE]

What a runner does and this does too: the inputs' defaults, overridden by `with`; `${{ }}`
expressions (inputs, steps.ID.outputs, github, runner, env; ==, !=, &&, ||, !, parentheses;
success(), failure(), always()) in `if`, `env`, `working-directory`, `run` and the action's outputs;
each `run` step written to a file and run as `bash --noprofile --norc -eo pipefail FILE` (the
runner's command for `shell: bash`) with the step's env, a fresh $GITHUB_OUTPUT file read back as
the step's outputs (NAME=VALUE lines and NAME<<DELIMITER blocks), $GITHUB_ACTION_PATH; after a
failed step the rest are skipped unless their `if` asks for always() or failure(). A `uses` step is
not run (it needs the network): it is reported and its outputs are empty.
The github context comes from the environment a runner sets: GITHUB_EVENT_PATH (github.event),
GITHUB_EVENT_NAME, GITHUB_REPOSITORY, GITHUB_TOKEN (github.token), RUNNER_TEMP, RUNNER_OS.
Exit status: that of the first failed step, else 0. The action's outputs go to --outputs as JSON.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml


class Expr:
    TOKEN = re.compile(r"\s*(?:(==|!=|&&|\|\||[!()])|'((?:[^']|'')*)'|([A-Za-z_][A-Za-z0-9_.\-]*)(\(\))?|(\d+))")

    def __init__(self, text, lookup, functions):
        self.tokens, pos = [], 0
        text = text.strip()
        while pos < len(text):
            m = self.TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"cannot read expression at: {text[pos:]!r}")
            pos = m.end()
            op, string, name, call, number = m.groups()
            if op:
                self.tokens.append(("op", op))
            elif string is not None:
                self.tokens.append(("value", string.replace("''", "'")))
            elif name and call:
                self.tokens.append(("value", functions[name]()))
            elif name:
                self.tokens.append(("value", {"true": True, "false": False, "null": None}.get(name, None)
                                    if name in ("true", "false", "null") else lookup(name)))
            else:
                self.tokens.append(("value", int(number)))
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.i += 1
        return token

    @staticmethod
    def truthy(v):
        return v not in (None, "", False, 0)

    @staticmethod
    def same(a, b):
        norm = lambda v: "" if v is None else str(v).lower() if isinstance(v, (str, bool)) else str(v)
        return norm(a) == norm(b)

    def parse(self):
        value = self.parse_or()
        if self.i != len(self.tokens):
            raise ValueError("trailing tokens in expression")
        return value

    def parse_or(self):
        left = self.parse_and()
        while self.peek() == ("op", "||"):
            self.take()
            right = self.parse_and()
            left = left if self.truthy(left) else right
        return left

    def parse_and(self):
        left = self.parse_cmp()
        while self.peek() == ("op", "&&"):
            self.take()
            right = self.parse_cmp()
            left = right if self.truthy(left) else left
        return left

    def parse_cmp(self):
        left = self.parse_unary()
        while self.peek() in (("op", "=="), ("op", "!=")):
            op = self.take()[1]
            right = self.parse_unary()
            left = self.same(left, right) if op == "==" else not self.same(left, right)
        return left

    def parse_unary(self):
        kind, value = self.take()
        if (kind, value) == ("op", "!"):
            return not self.truthy(self.parse_unary())
        if (kind, value) == ("op", "("):
            inner = self.parse_or()
            if self.take() != ("op", ")"):
                raise ValueError("missing )")
            return inner
        if kind != "value":
            raise ValueError(f"unexpected {value!r}")
        return value


def main():
    args = sys.argv[1:]
    action_file, with_values, outputs_file = args[0], {}, None
    rest = args[1:]
    while rest:
        flag = rest.pop(0)
        if flag == "--with":
            name, _, value = rest.pop(0).partition("=")
            with_values[name] = value
        elif flag == "--outputs":
            outputs_file = rest.pop(0)
        else:
            sys.exit(f"action_runner: unknown option {flag}")
    action = yaml.safe_load(open(action_file))
    inputs = {name: str(spec.get("default", "")) for name, spec in (action.get("inputs") or {}).items()}
    for name, value in with_values.items():
        if name not in inputs:
            sys.exit(f"action_runner: the action has no input '{name}'")
        inputs[name] = value
    event = {}
    if os.environ.get("GITHUB_EVENT_PATH"):
        event = json.load(open(os.environ["GITHUB_EVENT_PATH"]))
    steps, state = {}, {"failed": False}

    def lookup(name):
        parts = name.split(".")
        root = {
            "inputs": inputs,
            "steps": steps,
            "env": dict(os.environ),
            "github": {"token": os.environ.get("GITHUB_TOKEN", ""), "event": event,
                       "event_name": os.environ.get("GITHUB_EVENT_NAME", ""),
                       "repository": os.environ.get("GITHUB_REPOSITORY", ""),
                       "action_path": os.path.dirname(os.path.abspath(action_file))},
            "runner": {"os": os.environ.get("RUNNER_OS", "Linux"), "arch": "X64",
                       "temp": os.environ.get("RUNNER_TEMP", "")},
        }
        value = root
        for part in parts:
            value = value.get(part) if isinstance(value, dict) else None
        return value

    functions = {"success": lambda: not state["failed"], "failure": lambda: state["failed"], "always": lambda: True}

    def evaluate(text):
        return Expr(text, lookup, functions).parse()

    def substitute(text):
        def one(m):
            value = evaluate(m.group(1))
            return "" if value is None else ("true" if value is True else "false" if value is False else str(value))
        return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))

    status = 0
    for step in action["runs"]["steps"]:
        name = step.get("name", step.get("id", "step"))
        condition = str(step.get("if", "success()"))
        condition = condition[3:-2] if condition.startswith("${{") else condition
        if not re.search(r"\b(always|failure|success)\(\)", condition):
            condition = f"success() && ({condition})"
        if not Expr.truthy(evaluate(condition)):
            print(f"action_runner: skipped: {name}", file=sys.stderr)
            continue
        outputs = {}
        if "uses" in step:
            print(f"action_runner: not run (uses {step['uses']}): {name}", file=sys.stderr)
        else:
            env = dict(os.environ)
            env.update({k: substitute(v) for k, v in (step.get("env") or {}).items()})
            env["GITHUB_ACTION_PATH"] = os.path.dirname(os.path.abspath(action_file))
            with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script, \
                 tempfile.NamedTemporaryFile("w", delete=False) as output:
                script.write(substitute(step["run"]))
            env["GITHUB_OUTPUT"] = output.name
            cwd = substitute(step.get("working-directory", ".")) or "."
            rc = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script.name], env=env, cwd=cwd)
            lines = open(output.name).read().split("\n")
            i = 0
            while i < len(lines):
                line = lines[i]
                if "<<" in line and "=" not in line.split("<<")[0]:
                    key, delimiter = line.split("<<", 1)
                    i += 1
                    block = []
                    while i < len(lines) and lines[i] != delimiter:
                        block.append(lines[i])
                        i += 1
                    outputs[key] = "\n".join(block)
                elif "=" in line:
                    key, value = line.split("=", 1)
                    outputs[key] = value
                i += 1
            os.unlink(script.name)
            os.unlink(output.name)
            if rc != 0:
                print(f"action_runner: failed (exit {rc}): {name}", file=sys.stderr)
                state["failed"] = True
                status = status or rc
        if step.get("id"):
            steps[step["id"]] = {"outputs": outputs}
    result = {name: substitute(spec.get("value", "")) for name, spec in (action.get("outputs") or {}).items()}
    if outputs_file:
        json.dump(result, open(outputs_file, "w"))
    sys.exit(status)


if __name__ == "__main__":
    main()
