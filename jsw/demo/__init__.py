"""The demo: synthetic records generated, imported and computed, as one service call.

`jsw demo` calls `make_demo`; it prints nothing, so a web page can call it as it is.
"""

from jsw.demo.build import DEMO_YEARS, DemoProblem, DemoResult, fresh_folder, make_demo

__all__ = ["DEMO_YEARS", "DemoProblem", "DemoResult", "fresh_folder", "make_demo"]
