"""The network's service catalogue and its socle de base (editable later by network admins)."""

from django.db import migrations

# code, French, English, category, part of the socle de base
SERVICES = [
    ("fibre", "Fibre optique", "Fibre broadband", "connectivity", True),
    ("wifi", "Wi-Fi", "Wi-Fi", "connectivity", True),
    ("wired_network", "Réseau filaire isolé", "Isolated wired network", "security", False),
    ("meeting_rooms", "Salles de réunion", "Meeting rooms", "workspace", True),
    ("phone_booths", "Cabines téléphoniques", "Phone booths", "workspace", False),
    ("private_room", "Bureau ou cabine fermé", "Private room or booth", "security", False),
    ("printing", "Impression", "Printing", "workspace", True),
    ("kitchen", "Cuisine partagée", "Shared kitchen", "amenity", True),
    ("catering", "Restauration", "Catering", "amenity", False),
    ("lockers", "Casiers fermant à clé", "Lockable storage", "security", False),
    ("badge_access", "Accès par badge", "Badge access", "security", False),
    ("fablab", "Fablab", "Fablab", "making", False),
    ("childcare", "Garde d'enfants", "Childcare", "family", False),
    ("parking", "Parking", "Car park", "mobility", False),
    ("bike_parking", "Parking vélos", "Bike parking", "mobility", False),
    ("ev_charging", "Recharge véhicules électriques", "EV charging", "mobility", False),
    ("public_transport", "Desservi en transports en commun", "Public transport nearby",
     "mobility", False),
    ("wheelchair_access", "Accessible en fauteuil roulant", "Wheelchair accessible",
     "accessibility", False),
    ("digital_help", "Accompagnement numérique", "Digital help desk", "amenity", False),
]


def fill_services(apps, schema_editor):
    Service = apps.get_model("spaces", "Service")
    for position, (code, name_fr, name_en, category, is_base) in enumerate(SERVICES):
        Service.objects.update_or_create(code=code, defaults={
            "name_fr": name_fr, "name_en": name_en, "category": category, "is_base": is_base,
            "position": position})


class Migration(migrations.Migration):
    dependencies = [("spaces", "0002_load_communes")]
    operations = [migrations.RunPython(fill_services, migrations.RunPython.noop)]
