"""The demo: synthetic records generated, imported and computed, as one service call.

`jsw demo` and the web app both call `make_demo`; neither repeats its steps.
"""

from jsw.demo.build import DEMO_YEARS, DemoProblem, DemoResult, fresh_folder, make_demo

__all__ = ["DEMO_YEARS", "DemoProblem", "DemoResult", "fresh_folder", "make_demo"]
