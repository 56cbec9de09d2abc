"""Pure helpers shared by the apps: periods, working days, date arithmetic, exact numbers.

No Django here, so the indicator engine, reports and tests can use them directly.
"""
