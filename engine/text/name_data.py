"""Name lists for Uzbek person-name comparison: known given names, spelling variants, and
surnames without a suffix.

All entries are in canonical 1995 Latin. They are compared through the phonetic scoring key,
so each entry also covers its Cyrillic, Russian-form and Russian-romanised spellings that the
key folds together (Botir covers Ботир, Батыр and Batyr).
"""

# Common Uzbek given names. Two different known names are different people even when one
# letter apart (Hasan and Husan, Normat and Nurmat in Normatov and Nurmatov), while a typo
# rarely makes another known name. Surname stems (Karim in Karimov) are checked against the
# same list.
# NOTE: the list contains about 220 common names. Two near names missing from it are told apart
# only by the similarity threshold, so Dilyor and Diyor would then score as one name.
GIVEN_NAMES_MALE = """
Abbos Abdulaziz Abdulhay Abdulla Abdurahmon Abdurashid Abdusalom Abror Adham Ahmad Ahmed
Ahror Akbar Akmal Akram Ali Alijon Alisher Amir Anvar Asad Asqar Azam Azamat Aziz Bahodir
Bahrom Baxtiyor Bekzod Behzod Bobur Botir Bunyod Chori Dilmurod Dilshod Dilyor Diyor Doniyor
Eldor Elbek Elyor Ergash Erkin Eshmat Eshon Eshonqul Farhod Farid Farrux Fayzulla Gʻani
Gʻayrat Gʻofur Gʻulom Habib Hakim Halim Hamid Hasan Hayot Hikmat Hilol Hoji Husan Ibrohim
Ikrom Ilhom Ilyos Islom Ismat Ismoil Isʼhoq Jahongir Jalil Jamil Jamol Jamshid Jasur Javlon
Kamol Karim Komil Latif Mahmud Malik Mansur Maʼmur Maʼruf Mirzo Mohir Muhammad Muhammadyusuf
Munis Murod Musa Nabi Neʼmat Nodir Normat Nuriddin Nurmat Obid Odil Olim Ota Otabek Oybek
Oʻktam Oʻrin Oʻtkir Poʻlat Qahramon Qodir Qosim Qurbon Rahim Rahmatulla Rahmon Rashid Rasul
Ravshan Rustam Said Salim Sanjar Sardor Sarvar Shahzod Shavkat Sherzod Shodi Shodmon Shohruh
Shuhrat Shukur Sobir Sufyon Sulton Temur Toshmat Toshpoʻlat Toʻlqin Toʻxta Tursun Tursunboy
Ulugʻbek Umar Umid Usmon Vali Valijon Xolmat Xolmurod Xoʻja Xurshid Yodgor Yoqub Yoʻldosh Yunus
Yusuf
Zafar Zarif Zohid Zokir
"""

GIVEN_NAMES_FEMALE = """
Aziza Barno Dildora Dilfuza Dilnoza Dilshoda Farida Feruza Gulbahor Gulchehra Gulnora Gulnoza
Gulshan Habiba Halima Hilola Jamila Kamola Karima Latifa Lobar Madina Malika Malohat Maryam
Mavluda Mohira Moʻtabar Munisa Muqaddas Nargiza Nigora Nilufar Nodira Oygul Ozoda Oʻgʻiloy
Qunduz Raʼno Rashida Robiya Salima Saodat Sayyora Sevara Shahnoza Shahzoda Umida Xurshida
Yulduz Zarifa Zarina Zilola Zohida Zulfiya
"""

# Spellings of one name: the Russian forms of Uzbek names (Botir as Batyr, Ibrohim as
# Ibragim), the ICAO rendering of ё and the -ulla/-ullo/-ulloh endings. The phonetic key
# already folds most of them. The list keeps them for the ones it cannot (ҳ read as г,
# final -f read as -p), and it is the place to add pairs found in clerical review.
VARIANT_GROUPS = (
    ("Ibrohim", "Ibragim"),
    ("Temur", "Timur"),
    ("Botir", "Batyr"),
    ("Eshon", "Ishan"),
    ("Yoqub", "Yakub"),
    ("Islom", "Islam"),
    ("Qodir", "Kadyr"),
    ("Gʻulom", "Gulyam"),
    ("Sulton", "Sultan"),
    ("Usmon", "Usman"),
    ("Yusuf", "Yusup"),
    ("Sayyora", "Saiera"),
    ("Abdulla", "Abdullo", "Abdulloh"),
    ("Fayzulla", "Fayzullo", "Fayzulloh"),
    ("Rahmatulla", "Rahmatullo", "Rahmatulloh"),
    ("Muhammad", "Magomed"),
    ("Hasan", "Gasan"),
    ("Husan", "Gusan"),
)

# Surnames without a gendered suffix, mostly Korean (Koryo-saram) families.
SUFFIXLESS_SURNAMES = frozenset(
    [
        "kim",
        "li",
        "pak",
        "tsoy",
        "soy",
        "ten",
        "shin",
        "xan",
        "khan",
        "ogay",
        "yugay",
        "tyan",
        "nam",
        "kan",
        "em",
        "hvan",
        "ni",
    ]
)

# Words after the father's name in the Uzbek patronymic: "Shavkat oʻgʻli", "Rustam qizi".
SON_MARKERS = frozenset(("oʻgʻli", "ugli", "ogli", "ugʻli", "oʻgli", "ogʻli"))
DAUGHTER_MARKERS = frozenset(("qizi", "kizi", "qiz", "kyzy"))
