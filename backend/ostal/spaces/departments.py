"""The 13 departments of Occitanie (INSEE region 76)."""

OCCITANIE_DEPARTMENTS: dict[str, str] = {
    "09": "Ariège",
    "11": "Aude",
    "12": "Aveyron",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "34": "Hérault",
    "46": "Lot",
    "48": "Lozère",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
}
DEPARTMENT_CHOICES = sorted(OCCITANIE_DEPARTMENTS.items())
