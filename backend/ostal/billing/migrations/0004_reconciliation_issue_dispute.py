# A reconciliation issue may be a dispute (chargeback) for the network admin to follow.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("billing", "0003_reconciliation_and_settlements"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reconciliationissue",
            name="kind",
            field=models.CharField(choices=[
                ("unknown_payment", "paiement inconnu d'Ostal"),
                ("amount_mismatch", "montant ou devise différents"),
                ("payment_for_cancelled_booking",
                 "paiement d'une réservation annulée, non remboursé"),
                ("unknown_refund", "remboursement d'un paiement inconnu"),
                ("refund_exceeds_payment", "remboursement au-delà du payé"),
                ("refunded_amount_mismatch", "montants remboursés différents"),
                ("dispute", "contestation de paiement (chargeback)"),
                ("unknown_subscription", "abonnement inconnu d'Ostal"),
                ("unknown_invoice", "facture d'abonnement inconnue"),
                ("repair_failed", "réparation impossible"),
            ], max_length=40),
        ),
    ]
