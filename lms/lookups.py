"""`__in` on integer columns ignores values the column cannot hold (registered in `LmsConfig.ready()`).

Django already turns `pk=2**70` into "no rows" (`IntegerFieldExact`), but `pk__in=[2**70]`, which a
ModelMultipleChoiceField runs for every posted checkbox, reaches the database, where SQLite raises
`OverflowError`. A value out of the column's range can match no row, so dropping it is exact.
"""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
