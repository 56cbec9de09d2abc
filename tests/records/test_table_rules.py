"""Each table's rules from records.md: one bad row beside a good one, and why it is rejected.

Each case is (table, CSV text with a header, the rejected line, column, reason fragment).
The parents, stored by an earlier import (`BASE`): people P1 and P2; O1 a CPO of P1 from
2023-04-03; O2 a LICENCE of P2 from 2023-05-01; R1 a UPW requirement of O1 and R2 a
SUPERVISION requirement of O1.
"""

from __future__ import annotations

import pytest
import time_machine

from tests.records.conftest import BASE, only_rejection

CASES = [
    # people
    ("people", "person_id,date_of_birth\nP9,2031-01-01\n", 2, "date_of_birth", "in the future"),
    ("people", "person_id,date_of_birth\nP9,1899-12-31\n", 2, "date_of_birth", "before 1900-01-01"),
    ("people", "person_id,sex\nP9,female\n", 2, "sex", "not one of the codes"),
    ("people", "person_id,sex\n,F\n", 2, "person_id", "required"),
    # orders
    (
        "orders",
        "order_id,person_id,order_type,start_date,end_date,end_reason\n"
        "O9,P1,CPO,2023-04-03,2023-04-02,COMPLETED\n",
        2,
        "end_date",
        "before start_date",
    ),
    (
        "orders",
        "order_id,person_id,order_type,start_date,end_date,end_reason\nO9,P1,CPO,2023-04-03,2023-05-01,\n",
        2,
        "end_reason",
        "required when end_date is given",
    ),
    (
        "orders",
        "order_id,person_id,order_type,start_date,end_date,end_reason\nO9,P1,CPO,2023-04-03,,DIED\n",
        2,
        "end_reason",
        "must be blank when end_date is blank",
    ),
    (
        "orders",
        "order_id,person_id,order_type,start_date\nO9,P7,CPO,2023-04-03\n",
        2,
        "person_id",
        "no such person",
    ),
    (
        "orders",
        "order_id,person_id,order_type,start_date\nO9,P1,PAROLE,2023-04-03\n",
        2,
        "order_type",
        "not one of",
    ),
    (
        "orders",
        "order_id,person_id,order_type,start_date,domestic_abuse\nO9,P1,CPO,2023-04-03,maybe\n",
        2,
        "domestic_abuse",
        "yes/no",
    ),
    (
        "orders",
        "order_id,person_id,order_type,start_date,team\nO9,P1,CPO,2023-04-03," + "t" * 101 + "\n",
        2,
        "team",
        "longer than 100",
    ),
    # requirements
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours\nR9,O2,UPW,100\n",
        2,
        "order_id",
        "not a CPO",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours\nR9,O7,UPW,100\n",
        2,
        "order_id",
        "no such order",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours\nR9,O1,UPW,\n",
        2,
        "hours",
        "required when requirement_type is UPW",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours\nR9,O1,DRUG,100\n",
        2,
        "hours",
        "only allowed when requirement_type is UPW",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours\nR9,O1,UPW,19\n",
        2,
        "hours",
        "less than 20",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours\nR9,O1,UPW,301\n",
        2,
        "hours",
        "more than 300",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours\nR9,O1,UPW,100.5\n",
        2,
        "hours",
        "whole number",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,programme\nR9,O1,PROGRAMME,\n",
        2,
        "programme",
        "required when requirement_type is PROGRAMME",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,programme\nR9,O1,DRUG,MFMC\n",
        2,
        "programme",
        "only allowed when requirement_type is PROGRAMME",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,due_date\nR9,O1,DRUG,2024-01-01\n",
        2,
        "due_date",
        "only allowed when requirement_type is UPW",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours,due_date\nR9,O1,UPW,100,2023-04-02\n",
        2,
        "due_date",
        "before the order's start_date",
    ),
    (
        "requirements",
        "requirement_id,order_id,requirement_type,hours,completed_date\nR9,O1,UPW,100,2023-04-02\n",
        2,
        "completed_date",
        "before the order's start_date",
    ),
    # upw_sessions
    (
        "upw_sessions",
        "session_id,requirement_id,session_date,hours,placement_type\nS9,R2,2023-05-01,7,GROUP\n",
        2,
        "requirement_id",
        "not UPW",
    ),
    (
        "upw_sessions",
        "session_id,requirement_id,session_date,hours,placement_type\nS9,R7,2023-05-01,7,GROUP\n",
        2,
        "requirement_id",
        "no such requirement",
    ),
    (
        "upw_sessions",
        "session_id,requirement_id,session_date,hours,placement_type\nS9,R1,2023-04-02,7,GROUP\n",
        2,
        "session_date",
        "before the order's start_date",
    ),
    (
        "upw_sessions",
        "session_id,requirement_id,session_date,hours,placement_type\nS9,R1,2023-05-01,0,GROUP\n",
        2,
        "hours",
        "greater than 0",
    ),
    (
        "upw_sessions",
        "session_id,requirement_id,session_date,hours,placement_type\nS9,R1,2023-05-01,12.01,GROUP\n",
        2,
        "hours",
        "more than 12",
    ),
    (
        "upw_sessions",
        "session_id,requirement_id,session_date,hours,placement_type\nS9,R1,2023-05-01,7.125,GROUP\n",
        2,
        "hours",
        "more than 2 decimal places",
    ),
    (
        "upw_sessions",
        "session_id,requirement_id,session_date,hours,placement_type\nS9,R1,2023-05-01,7,\n",
        2,
        "placement_type",
        "required",
    ),
    # assessments
    (
        "assessments",
        "assessment_id,person_id,order_id,assessment_type,start_date\nA9,P2,O1,LSCMI,2023-05-01\n",
        2,
        "order_id",
        "belongs to another person",
    ),
    (
        "assessments",
        "assessment_id,person_id,order_id,assessment_type,start_date\nA9,P1,O7,LSCMI,2023-05-01\n",
        2,
        "order_id",
        "no such order",
    ),
    (
        "assessments",
        "assessment_id,person_id,assessment_type,start_date\nA9,P7,LSCMI,2023-05-01\n",
        2,
        "person_id",
        "no such person",
    ),
    (
        "assessments",
        "assessment_id,person_id,assessment_type,start_date,cmp_date\nA9,P1,CALEDONIAN,2023-05-01,2023-05-02\n",
        2,
        "cmp_date",
        "only allowed when assessment_type is LSCMI",
    ),
    (
        "assessments",
        "assessment_id,person_id,assessment_type,start_date,cmp_date\nA9,P1,LSCMI,2023-05-01,2023-04-30\n",
        2,
        "cmp_date",
        "before start_date",
    ),
    (
        "assessments",
        "assessment_id,person_id,assessment_type,start_date,completed_date\nA9,P1,LSCMI,2023-05-01,2023-04-30\n",
        2,
        "completed_date",
        "before start_date",
    ),
    # contacts
    (
        "contacts",
        "contact_id,order_id,contact_type,contact_date\nC9,O1,INDUCTION,2023-04-02\n",
        2,
        "contact_date",
        "before the order's start_date",
    ),
    (
        "contacts",
        "contact_id,order_id,contact_type,contact_date\nC9,O7,INDUCTION,2023-04-05\n",
        2,
        "order_id",
        "no such order",
    ),
    # breaches
    (
        "breaches",
        "breach_id,order_id,application_date\nB9,O1,2023-04-02\n",
        2,
        "application_date",
        "before the order's start_date",
    ),
    (
        "breaches",
        "breach_id,order_id,application_date,outcome_date,outcome\nB9,O1,2023-06-01,2023-05-31,FINE\n",
        2,
        "outcome_date",
        "before application_date",
    ),
    (
        "breaches",
        "breach_id,order_id,application_date,outcome_date,outcome\nB9,O1,2023-06-01,2023-07-01,\n",
        2,
        "outcome",
        "required when outcome_date is given",
    ),
    (
        "breaches",
        "breach_id,order_id,application_date,outcome_date,outcome\nB9,O1,2023-06-01,,FINE\n",
        2,
        "outcome",
        "must be blank when outcome_date is blank",
    ),
    # questionnaires
    (
        "questionnaires",
        "questionnaire_id,order_id,questionnaire_type,received_date,score_before\nQ9,O1,UPW,2023-06-01,100.5\n",
        2,
        "score_before",
        "more than 100",
    ),
    (
        "questionnaires",
        "questionnaire_id,order_id,questionnaire_type,received_date,score_after\nQ9,O1,UPW,2023-06-01,-1\n",
        2,
        "score_after",
        "not a number",
    ),
    (
        "questionnaires",
        "questionnaire_id,order_id,questionnaire_type,received_date\nQ9,O7,UPW,2023-06-01\n",
        2,
        "order_id",
        "no such order",
    ),
    # services
    (
        "services",
        "service_id,person_id,service,referral_date,end_date\nV9,P1,SUPPORT_WORK,2023-06-01,2023-05-31\n",
        2,
        "end_date",
        "before referral_date",
    ),
    (
        "services",
        "service_id,person_id,service,referral_date\nV9,P7,SUPPORT_WORK,2023-06-01\n",
        2,
        "person_id",
        "no such person",
    ),
    # returns
    (
        "returns",
        "indicator_id,period,value\nsignificant-reviews,2023-24,1\n",
        2,
        "period",
        "not a quarterly period",
    ),
    (
        "returns",
        "indicator_id,period,value\nmappa-clients,2023-24-Q1,1\n",
        2,
        "period",
        "not an annual period",
    ),
    (
        "returns",
        "indicator_id,period,value\nmappa-clients,2023-24-Q5,1\n",
        2,
        "period",
        "not a period",
    ),
    (
        "returns",
        "indicator_id,period,value\ncpos-imposed,2023-24-Q1,1\n",
        2,
        "indicator_id",
        "counted from the records",
    ),
    (
        "returns",
        "indicator_id,period,value\nno-such-pi,2023-24-Q1,1\n",
        2,
        "indicator_id",
        "not an indicator",
    ),
    (
        "returns",
        "indicator_id,period,value\nmappa-clients,2023-24,-1\n",
        2,
        "value",
        "not a number",
    ),
    (
        "returns",
        "indicator_id,period,value,note\nmappa-clients,2023-24,1," + "n" * 1001 + "\n",
        2,
        "note",
        "longer than 1000",
    ),
]


@pytest.mark.django_db
@time_machine.travel("2030-06-01 12:00 +0000", tick=False)
@pytest.mark.parametrize(("table", "csv", "line", "column", "reason"), CASES)
def test_each_rule_rejects_the_row_that_breaks_it(
    extract, table: str, csv: str, line: int, column: str, reason: str
) -> None:
    assert extract(BASE).exit_code == 0  # the parents, stored by an earlier import
    report = extract({table: csv})
    file, rejected_line, rejected_column, _value = only_rejection(report)
    assert (file, rejected_line, rejected_column) == (f"{table}.csv", line, column)
    assert reason in report.rejections[0].reason
    assert report.tables[table].rejected == 1
    assert report.exit_code == 1
