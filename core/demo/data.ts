// The demo headquarters: people, places and products as they are at a Nairobi jewellery workshop.

export const demoStations = [
  { code: 'R1', name: 'Receiving desk', desk: 'receiving' },
  { code: 'Q1', name: 'QC bench', desk: 'qc' },
  { code: 'P1', name: 'Plating office', desk: 'plating' },
  { code: 'K1', name: 'Packing table', desk: 'packing' },
];

export const demoUsers = [
  { username: 'grace', name: 'Grace Mutua', roles: ['admin', 'supervisor'], pin: '9999' },
  { username: 'wanjiru', name: 'Wanjiru Kamau', roles: ['clerk'], pin: '1111' },
  { username: 'otieno', name: 'Otieno Ochieng', roles: ['inspector'], pin: '2222' },
  { username: 'akinyi', name: 'Akinyi Atieno', roles: ['planner'], pin: '3333' },
  { username: 'kiprop', name: 'Kiprop Cheruiyot', roles: ['operator'], pin: '4444' },
  { username: 'mwangi', name: 'Mwangi Njoroge', roles: ['packer'], pin: '5555' },
  { username: 'halima', name: 'Halima Hassan', roles: ['supervisor'], pin: '6666' },
] as const;

export const regions: Record<string, { first: string[]; last: string[] }> = {
  Kisii: { first: ['Nyaboke', 'Moraa', 'Kerubo', 'Ondieki', 'Nyakundi'], last: ['Omari', 'Onsongo', 'Nyamweya', 'Mokaya'] },
  Kakamega: { first: ['Nafula', 'Wekesa', 'Barasa', 'Nekesa', 'Wanjala'], last: ['Wafula', 'Shikuku', 'Makokha', 'Simiyu'] },
  Machakos: { first: ['Mwende', 'Ndinda', 'Kyalo', 'Mutheu', 'Musyoka'], last: ['Mutua', 'Kioko', 'Mulwa', 'Nzioka'] },
  Kitui: { first: ['Mwikali', 'Kasyoka', 'Munyao', 'Kalunda'], last: ['Kilonzo', 'Musembi', 'Wambua'] },
  Kiambu: { first: ['Wanjiku', 'Njeri', 'Wairimu', 'Gitau', 'Nyambura'], last: ['Kamau', 'Njoroge', 'Mwangi', 'Kariuki'] },
  Nyeri: { first: ['Wambui', 'Muthoni', 'Wangari', 'Maina'], last: ['Gachanja', 'Wachira', 'Macharia'] },
  Kajiado: { first: ['Naserian', 'Seleina', 'Sankale', 'Nashipai', 'Lemayian'], last: ['ole Sankale', 'Nkoitoi', 'Saitoti', 'Kereto'] },
  Narok: { first: ['Nalangu', 'Resian', 'Kool', 'Nkatha'], last: ['ole Ntimama', 'Kasaine', 'Lekishon'] },
  Kisumu: { first: ['Achieng', 'Awino', 'Odhiambo', 'Adhiambo', 'Ouma'], last: ['Otieno', 'Owino', 'Okoth', 'Onyango'] },
  Kilifi: { first: ['Kahindi', 'Zawadi', 'Rehema', 'Kazungu', 'Mwanajuma'], last: ['Bakari', 'Charo', 'Karisa', 'Baya'] },
};

export interface DemoDesign {
  sku: string;
  name: string;
  nameSw: string;
  materials: string[];
  finishes: string[];
  unitWeightG: number;
  tolerancePct: number;
  platingAreaCm2: number;
  priceKes: number;
}

export const demoDesigns: DemoDesign[] = [
  { sku: 'BR-CUF-001', name: 'Maasai Spiral Cuff', nameSw: 'Bangili ya Mzunguko ya Kimaasai', materials: ['brass'], finishes: ['raw-brass', 'polished', 'gold-1.0'], unitWeightG: 38, tolerancePct: 4, platingAreaCm2: 42, priceKes: 650 },
  { sku: 'BR-EAR-002', name: 'Kazuri Drop Earrings', nameSw: 'Hereni za Kazuri za Kuning’inia', materials: ['brass'], finishes: ['polished', 'gold-0.5', 'gold-2.5'], unitWeightG: 6.2, tolerancePct: 5, platingAreaCm2: 8.5, priceKes: 220 },
  { sku: 'HN-PEN-003', name: 'Ankole Horn Crescent Pendant', nameSw: 'Kidani cha Hilali cha Pembe ya Ankole', materials: ['ankole horn', 'brass'], finishes: ['horn-polished', 'gold-1.0'], unitWeightG: 11.5, tolerancePct: 8, platingAreaCm2: 3.2, priceKes: 480 },
  { sku: 'BN-BNG-004', name: 'Bone Inlay Bangle', nameSw: 'Bangili ya Shaba Iliyopachikwa Mfupa', materials: ['bone', 'brass'], finishes: ['polished', 'gold-1.0'], unitWeightG: 24, tolerancePct: 6, platingAreaCm2: 18, priceKes: 560 },
  { sku: 'WD-EAR-005', name: 'Olive Wood Hoops', nameSw: 'Hereni za Duara za Mzeituni', materials: ['olive wood'], finishes: ['wood-natural'], unitWeightG: 4.1, tolerancePct: 10, platingAreaCm2: 0, priceKes: 180 },
  { sku: 'BR-NCK-006', name: 'Lamu Collar Necklace', nameSw: 'Mkufu wa Kola wa Lamu', materials: ['brass'], finishes: ['polished', 'gold-2.5'], unitWeightG: 52, tolerancePct: 4, platingAreaCm2: 75, priceKes: 1200 },
  { sku: 'BR-RNG-007', name: 'Tribal Stacking Ring', nameSw: 'Pete ya Kikabila ya Kupangwa', materials: ['brass'], finishes: ['raw-brass', 'polished', 'gold-0.5'], unitWeightG: 4.8, tolerancePct: 5, platingAreaCm2: 6, priceKes: 150 },
  { sku: 'HN-EAR-008', name: 'Horn Teardrop Earrings', nameSw: 'Hereni za Pembe za Umbo la Tone', materials: ['ankole horn'], finishes: ['horn-natural', 'horn-polished'], unitWeightG: 5.5, tolerancePct: 10, platingAreaCm2: 0, priceKes: 260 },
  { sku: 'BR-CUF-009', name: 'Hammered Open Cuff', nameSw: 'Bangili Wazi ya Kufuliwa', materials: ['brass'], finishes: ['raw-brass', 'gold-1.0', 'silver-1.0'], unitWeightG: 31, tolerancePct: 4, platingAreaCm2: 36, priceKes: 600 },
  { sku: 'BR-EAR-010', name: 'Kilifi Shell Studs', nameSw: 'Hereni za Kombe za Kilifi', materials: ['brass'], finishes: ['polished', 'gold-1.0'], unitWeightG: 2.4, tolerancePct: 6, platingAreaCm2: 3.1, priceKes: 120 },
  { sku: 'BN-PEN-011', name: 'Bone Arrow Pendant', nameSw: 'Kidani cha Mshale cha Mfupa', materials: ['bone', 'brass'], finishes: ['bone-natural', 'gold-0.5'], unitWeightG: 7.9, tolerancePct: 8, platingAreaCm2: 2.4, priceKes: 300 },
  { sku: 'BR-NCK-012', name: 'Mara Bar Necklace', nameSw: 'Mkufu wa Kipande wa Mara', materials: ['brass'], finishes: ['polished', 'gold-1.0', 'lacquer'], unitWeightG: 14.2, tolerancePct: 5, platingAreaCm2: 16, priceKes: 420 },
  { sku: 'WD-BNG-013', name: 'Mahogany Bangle', nameSw: 'Bangili ya Mkangazi', materials: ['mahogany'], finishes: ['wood-natural', 'lacquer'], unitWeightG: 19, tolerancePct: 10, platingAreaCm2: 0, priceKes: 350 },
  { sku: 'BR-RNG-014', name: 'Kikoi Weave Ring', nameSw: 'Pete ya Msuko wa Kikoi', materials: ['brass'], finishes: ['polished', 'gold-1.0'], unitWeightG: 5.6, tolerancePct: 5, platingAreaCm2: 7, priceKes: 170 },
  { sku: 'HN-CUF-015', name: 'Horn and Brass Cuff', nameSw: 'Bangili ya Pembe na Shaba', materials: ['ankole horn', 'brass'], finishes: ['horn-polished', 'gold-1.0'], unitWeightG: 29, tolerancePct: 7, platingAreaCm2: 12, priceKes: 720 },
  { sku: 'BR-EAR-016', name: 'Savanna Fan Earrings', nameSw: 'Hereni za Pepeo za Savana', materials: ['brass'], finishes: ['raw-brass', 'gold-0.5', 'gold-2.5'], unitWeightG: 8.3, tolerancePct: 5, platingAreaCm2: 11, priceKes: 280 },
];

export const qcChecklist: Record<string, string[]> = {
  brass: ['Casting free of porosity', 'Surface free of scratches', 'Edges smooth', 'Clasp opens and closes'],
  'ankole horn': ['No cracks along the grain', 'Even polish', 'Colour matches the sample'],
  bone: ['No discolouration', 'No cracks', 'Inlay flush with the metal'],
  'olive wood': ['No splits', 'Even finish'],
  mahogany: ['No splits', 'Even finish'],
};

/** The same checks in Swahili, item for item. */
export const qcChecklistSw: Record<string, string[]> = {
  brass: ['Usubu hauna vitundu', 'Uso hauna mikwaruzo', 'Kingo ni laini', 'Kifungo kinafunguka na kufungika'],
  'ankole horn': ['Hakuna nyufa kufuata nyuzi', 'Mng’ao ulio sawa', 'Rangi inalingana na sampuli'],
  bone: ['Hakuna kubadilika rangi', 'Hakuna nyufa', 'Kipachiko kiko sawa na chuma'],
  'olive wood': ['Hakuna mipasuko', 'Umaliziaji ulio sawa'],
  mahogany: ['Hakuna mipasuko', 'Umaliziaji ulio sawa'],
};

export const demoCustomers = [
  { customer: 'Kifaru Boutique', country: 'DE', city: 'Berlin', currency: 'EUR' },
  { customer: 'Savanna & Co', country: 'US', city: 'New York', currency: 'USD' },
  { customer: 'The Ethical Edit', country: 'GB', city: 'London', currency: 'GBP' },
  { customer: 'Maison Baobab', country: 'FR', city: 'Paris', currency: 'EUR' },
  { customer: 'Jua Kali Collective', country: 'NL', city: 'Amsterdam', currency: 'EUR' },
  { customer: 'Golden Acacia', country: 'US', city: 'Los Angeles', currency: 'USD' },
  { customer: 'Nairobi Gift House', country: 'KE', city: 'Nairobi', currency: 'KES' },
];

export const demoServices: Record<string, string> = {
  KE: 'G4S Courier',
  default: 'DHL Express Worldwide',
};

export const demoPlatingLines = [
  { id: 'LINE-A', name: 'Line A (gold)', finishes: ['gold-0.5', 'gold-1.0', 'gold-2.5'], capacityDm2: 40, maxPieces: 400 },
  { id: 'LINE-B', name: 'Line B (gold, silver)', finishes: ['gold-1.0', 'gold-2.5', 'silver-1.0'], capacityDm2: 30, maxPieces: 300 },
  { id: 'LINE-C', name: 'Line C (lacquer)', finishes: ['lacquer'], capacityDm2: 60, maxPieces: 600 },
];
