"""Amounts add up to the cent on SQLite too: the checks compare with the sum rounded to two
decimals (SQLite adds decimals as floats: -73.85 + -14.77 is not -88.62 there, and a demo
settlement was refused). On PostgreSQL, numeric sums are exact: nothing changes."""

import django.db.models.expressions
import django.db.models.functions.math
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0008_einvoice_transmission'),
        ('spaces', '0005_operator_front_desk'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='invoice',
            name='invoice_totals_add_up',
        ),
        migrations.RemoveConstraint(
            model_name='invoiceline',
            name='invoice_line_adds_up',
        ),
        migrations.RemoveConstraint(
            model_name='settlementline',
            name='settlement_line_adds_up',
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(('total_gross', django.db.models.functions.math.Round(django.db.models.expressions.CombinedExpression(models.F('total_net'), '+', models.F('total_vat')), 2))), name='invoice_totals_add_up'),
        ),
        migrations.AddConstraint(
            model_name='invoiceline',
            constraint=models.CheckConstraint(condition=models.Q(('gross', django.db.models.functions.math.Round(django.db.models.expressions.CombinedExpression(models.F('net'), '+', models.F('vat')), 2))), name='invoice_line_adds_up'),
        ),
        migrations.AddConstraint(
            model_name='settlementline',
            constraint=models.CheckConstraint(condition=models.Q(('gross', django.db.models.functions.math.Round(django.db.models.expressions.CombinedExpression(models.F('net'), '+', models.F('vat')), 2))), name='settlement_line_adds_up'),
        ),
    ]
