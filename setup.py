"""Ship the rule book (rules/) and the schemas (schemas/) inside the package as kdlint/_data."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = ("schemas", "rules")


class BuildWithData(build_py):
    def run(self):
        super().run()
        here = Path(__file__).parent
        for name in DATA:
            target = Path(self.build_lib) / "kdlint" / "_data" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(here / name, target)


setup(cmdclass={"build_py": BuildWithData})
